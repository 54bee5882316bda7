import NNCore

/// A setting trained from scratch over several seeds: layers, train settings and, when an experiment
/// changes the data, the data generated afresh. The one way nnlab trains more than once (`verify`,
/// `seed-sensitive`, `sweep`, learning curves, comparisons): one scoring rule, one median.
/// Equatable, so that an experiment shared by several findings runs once.
public struct Experiment: Equatable, Sendable {
    public var hidden: [LayerSpec]
    /// The settings of every run; each seed replaces `config.seed`.
    public var config: TrainConfig
    /// Data generated afresh for this experiment; nil trains on the data handed to `run`.
    public var spec: DataSpec?

    public init(hidden: [LayerSpec], config: TrainConfig, spec: DataSpec? = nil) {
        self.hidden = hidden
        self.config = config
        self.spec = spec
    }

    /// Trains a fresh network per seed, in order, on `data` (or on the regenerated data) and scores
    /// each by its final weights on both splits: a run that blows up keeps its last finite weights,
    /// and those are what it scores. `shouldStop`, asked every epoch, ends it early with the seeds
    /// finished so far.
    public func run(on data: TrainingData, seeds: [UInt32], shouldStop: () -> Bool = { false }) -> ExperimentResult {
        let data = spec?.generate().prepared.training ?? data
        let network = Network(inputs: data.features, hidden: hidden, classes: data.classes)
        var result = ExperimentResult(runs: [], interrupted: false)
        for seed in seeds {
            var config = self.config
            config.seed = seed
            var run = TrainingRun(network: network, config: config)
            let stop = run.train(data, epochs: config.epochs, shouldStop: shouldStop)
            if case .interrupted = stop {
                result.interrupted = true
                break
            }
            let testLogits = run.network.logits(data.xTest)
            result.runs.append(.init(seed: seed, train: Evaluation(network: run.network, x: data.xTrain, y: data.yTrain),
                                     test: Evaluation(logits: testLogits, labels: data.yTest, classes: data.classes),
                                     testLogits: testLogits, history: run.history, stop: stop))
        }
        return result
    }
}

extension Experiment {
    /// What `run` would train on `data` over `seeds` seeds, counted before anything is built.
    public func job(on data: TrainingData, seeds: Int) -> TrainingJob {
        guard let spec else { return TrainingJob(hidden: hidden, data: data, config: config, runs: seeds) }
        let regenerated = spec.generate().prepared
        return TrainingJob(inputs: regenerated.dataset.features, hidden: hidden, trainRows: regenerated.split.train.count,
                           testRows: regenerated.split.test.count, epochs: config.epochs, batch: config.batch, runs: seeds,
                           classes: regenerated.dataset.classes)
    }
}

/// What an experiment's seeds gave, in seed order.
public struct ExperimentResult: Sendable {
    public struct Run: Sendable {
        public var seed: UInt32
        /// The final weights on each split.
        public var train: Evaluation, test: Evaluation
        /// The final weights' logits for each test row (what cross-validation reads for its held-out fold).
        public var testLogits: [Double]
        public var history: History
        /// `.finished` or `.diverged`: an interrupted run is not kept.
        public var stop: StopReason
    }

    public var runs: [Run]
    /// True when `shouldStop` ended it before every seed had trained.
    public var interrupted: Bool

    public var testAccuracies: [Double] { runs.map(\.test.accuracy) }

    /// The median of `score` over the runs; nil when none finished.
    public func median(_ score: (Run) -> Double) -> Double? {
        runs.isEmpty ? nil : RunStatistics.median(runs.map(score))
    }
}

extension Experiment {
    /// The session's setting with `change` applied: its layers and settings (as long as it trained),
    /// and the data regenerated when the change is to the data.
    init(_ context: DiagnosisContext, _ change: Fix.Change? = nil) {
        self.init(hidden: context.hiddenLayers, config: context.settings)
        switch change {
        case .model(let layers)?: hidden = layers
        case .train(let settings, _)?, .trainLonger(_, let settings)?: config = settings
        case .data(let regenerated, _)?: spec = regenerated
        case .scaleLoadedData?, .sweep?, .features?, .dropPoints?, .relabelPoints?, nil: break  // the data handed to `run` changes
        }
    }
}
