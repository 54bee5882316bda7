import NNCore

/// The run falls well short of the accuracy the data allow on its own training points, and the same layers
/// trained well (`WellTrained`) fit them: the training, not the model, fell short. Names the likeliest cause
/// from the run itself (raw inputs, l2, a loss still falling, steps too small) and offers its fix, then the
/// experiment's own settings, which are known to fit.
public struct NotConverged: Analyzer {
    public init() {}
    public var ids: [String] { ["not-converged"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let facts = context.facts
        guard case .training(let well)? = Shortfall(context, facts) else { return [] }
        // Steps too large and stuck units already have their finding (oscillating-loss, dead-relu, saturation), each
        // with its own fix; this one would only repeat it. The error budget still charges the shortfall to optimisation.
        let owners: [any Analyzer] = [OscillatingLoss(), DeadReLU(), Saturation()]
        if owners.contains(where: { !$0.analyze(context).isEmpty }) { return [] }
        let settings = context.settings
        var fixes: [Fix] = [], cause: String
        if UnscaledFeatures.applies(context) {
            cause = "the inputs are fed in raw on very different scales (see unscaled-features)"
            fixes.append(UnscaledFeatures.scalingFix(context))
        } else if settings.l2 > 0 {
            cause = "l2 = \(Format.number(settings.l2)) pulls the weights towards zero harder than the data pull them apart"
            fixes.append(.train(settings) { $0.l2 = 0 })
        } else if let trend = facts.trend, trend.isFalling {
            cause = "the loss was still going down when the epochs ran out"
            fixes.append(.trainLonger(settings, by: LossTrend.furtherEpochs(after: settings.epochs)))
            if settings.learningRate * 10 <= 0.1 { fixes.append(.learningRate(settings, times: 10)) }
        } else if settings.learningRate < WellTrained.learningRate {
            cause = "steps of \(Format.number(settings.learningRate)) move the weights too little to get anywhere in "
                + "\(settings.epochs) epochs"
            fixes.append(.learningRate(settings, times: 10))
        } else {
            cause = "training settled on a poor solution it does not leave"
        }
        let known = Fix.train(settings) {
            $0.learningRate = well.config.learningRate
            $0.optimizer = well.config.optimizer
            $0.l2 = 0
            $0.epochs = well.config.epochs
        }
        if !fixes.contains(where: { $0.change == known.change }) { fixes.append(known) }
        var evidence = [facts.trainAccuracyEvidence, facts.allowedEvidence, Shortfall.training(well).evidence(context)]
        if let trend = facts.trend { evidence.append(trend.evidence) }
        return [Finding(
            id: "not-converged", severity: .problem,
            headline: "training fell short of what this model can do: \(cause)",
            evidence: evidence,
            why: "The same layers, trained with a sound step, no l2 and for longer, fit the training points, so the model is "
                + "big enough: the way it was trained held it back. Fix the training before making the model bigger.",
            fixes: fixes)]
    }
}
