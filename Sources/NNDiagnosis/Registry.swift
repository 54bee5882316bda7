extension Doctor {
    /// Every analyzer, data facts first, then training, then how much the numbers can be trusted.
    public static let standard = Doctor(analyzers: [
        LinearInseparable(), ClassOverlap(), ClassImbalance(), PredictsOneClass(), LabelNoise(), UnscaledFeatures(),
        Underfitting(), NotConverged(), OscillatingLoss(), Diverged(), DeadReLU(), Saturation(), Overfitting(),
        HiddenRepresentation(), SeedSensitive(), SmallTestSet(), ConfusedPair(),
    ])
}
