import NNCore

/// The same layers trained the way that usually works: what the architecture can fit when the training does
/// not fail it. Before nnlab calls a model too simple it runs this cheap experiment; when the same layers fit
/// the training rows this way, the shortfall is the training's (step size, length, l2, raw inputs), not the model's.
struct WellTrained {
    /// Adam at lr 0.01 with no l2, on standardised inputs: the settings the post's Example 3 fits circles with.
    static let learningRate = 0.01
    /// Seeds tried; the better one counts (a tiny model can land in a poor start on one seed).
    static let seeds: [UInt32] = [0, 1]

    let config: TrainConfig
    /// The better of the seeds' training accuracies, on the session's training labels.
    let trainAccuracy: Double
    /// True when the session's inputs were raw and the experiment standardised them.
    let scaled: Bool

    /// Three times as long (at least 300 epochs, at most 2000): a plateau that more epochs at a sound step lift is no plateau.
    static func config(_ settings: TrainConfig) -> TrainConfig {
        TrainConfig(learningRate: learningRate, epochs: min(max(3 * settings.epochs, 300), 2000),
                    batch: settings.batch, optimizer: .adam, seed: 0, l2: 0)
    }

    /// nil when interrupted.
    init?(_ context: DiagnosisContext) {
        let settings = context.settings
        config = Self.config(settings)
        let data = context.data
        scaled = data.scaler == Scaler.identity(features: data.inputs.features)
        let training = scaled ? PreparedData(dataset: data.dataset, split: data.split, scaled: true, features: data.features).training : data.training
        let result = Experiment(hidden: context.hiddenLayers, config: config)
            .run(on: training, seeds: Self.seeds, shouldStop: context.shouldStop)
        guard !result.interrupted, let best = result.runs.map(\.train.accuracy).max() else { return nil }
        trainAccuracy = best
    }

    /// What the experiment changed from the run, for evidence: "adam, lr 0.01, no l2, 1500 epochs, scaled inputs".
    func changes(from settings: TrainConfig) -> String {
        var parts = ["adam at lr \(Format.number(config.learningRate))"]
        if settings.l2 > 0 { parts.append("no l2") }
        parts.append("\(config.epochs) epochs")
        if scaled { parts.append("standardised inputs") }
        return parts.joined(separator: ", ")
    }
}

extension DiagnosisContext {
    /// `WellTrained` for this run, run on first use (nil when interrupted).
    var wellTrained: WellTrained? {
        if let known = shared.wellTrained { return known }
        let well = WellTrained(self)
        shared.wellTrained = .some(well)
        return well
    }
}

/// Whose fault a clear training shortfall is, by the `WellTrained` experiment rather than by a threshold.
enum Shortfall {
    /// The same layers trained well still fall clearly short: the model is too simple.
    case model(WellTrained)
    /// The same layers trained well fit: the training fell short.
    case training(WellTrained)

    /// nil when the run does not fall clearly short of what the data allow, blew up, or the experiment was interrupted.
    init?(_ context: DiagnosisContext, _ facts: RunFacts) {
        guard !context.diverged, facts.fallsShort, let well = context.wellTrained else { return nil }
        self = 1 - well.trainAccuracy > facts.allowedTrainError ? .model(well) : .training(well)
    }

    var experiment: WellTrained {
        switch self {
        case .model(let w), .training(let w): return w
        }
    }

    /// "the same layers trained well (adam at lr 0.01, 1500 epochs) get 100% on train"
    func evidence(_ context: DiagnosisContext) -> Evidence {
        Evidence("well_trained_train_accuracy", experiment.trainAccuracy,
                 "the same layers trained well (\(experiment.changes(from: context.settings))) get "
                    + "\(Format.percent(experiment.trainAccuracy)) on train")
    }
}
