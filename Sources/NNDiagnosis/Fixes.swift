import NNCore

/// Fixes as typed changes to the run; NNLab writes each as the command a learner types.
/// `train` and `data` changes keep the settings they start from, so the command can spell out
/// what changed first and then every other setting that differs from the defaults: typed as
/// shown, it runs what the doctor verifies.
extension Fix {
    /// New hidden layers; `[]` is the linear model.
    static func model(_ hidden: [LayerSpec]) -> Fix { Fix(.model(hidden: hidden)) }

    /// A model with room to spare: the post's one hidden layer for a linear model,
    /// two ReLU layers (32, 16) for anything smaller, else every layer twice as wide.
    static func biggerModel(than hidden: [LayerSpec]) -> Fix {
        if hidden.isEmpty { return model([LayerSpec(16, .relu)]) }
        if hidden.reduce(0, { $0 + $1.units }) < 48 { return model([LayerSpec(32, .relu), LayerSpec(16, .relu)]) }
        return model(hidden.map { LayerSpec(2 * $0.units, $0.activation) })
    }

    /// The same layers with every ReLU made leaky, so no unit can go silent for good.
    static func leaky(_ hidden: [LayerSpec]) -> Fix {
        model(hidden.map { $0.activation == .relu ? LayerSpec($0.units, .leaky_relu) : $0 })
    }

    /// Training from scratch with `settings` changed by `change`.
    static func train(_ settings: TrainConfig, _ change: (inout TrainConfig) -> Void) -> Fix {
        var new = settings
        change(&new)
        return Fix(.train(new, was: settings))
    }

    /// The learning rate times `factor`, rounded to the 3 digits a learner reads, so that the
    /// experiment is what gets typed.
    static func learningRate(_ settings: TrainConfig, times factor: Double) -> Fix {
        train(settings) { $0.learningRate = Double(Format.number(settings.learningRate * factor)) ?? $0.learningRate * factor }
    }

    /// Going on `more` epochs, which is the same run as training `settings.epochs + more` from scratch.
    static func trainLonger(_ settings: TrainConfig, by more: Int) -> Fix {
        var whole = settings
        whole.epochs += more
        return Fix(.trainLonger(more: more, whole: whole))
    }

    /// The model's inputs made from the raw columns.
    static func features(_ terms: [FeatureTerm]) -> Fix { Fix(.features(terms)) }

    /// The training points a finding lists, removed (the test set unchanged).
    static func drop(_ finding: String, _ points: [Int]) -> Fix { Fix(.dropPoints(finding: finding, points: points)) }

    /// The data generated again from `spec` with `change` applied.
    static func data(_ spec: DataSpec, _ change: (inout DataSpec) -> Void) -> Fix {
        var new = spec
        change(&new)
        return Fix(.data(new, was: spec))
    }
}
