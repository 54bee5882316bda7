import NNCore

/// Everything an analyzer may look at: the data (and how it was made), the model,
/// the training run with its history, and how training ended.
public struct DiagnosisContext {
    public var data: PreparedData { didSet { shared = DiagnosisMemo() } }
    /// How the data was generated; nil for data loaded from a file.
    public var spec: DataSpec? { didSet { shared = DiagnosisMemo() } }
    /// Dataset indices of labels flipped on purpose (known only for generated data).
    public var flipped: [Int] { didSet { shared = DiagnosisMemo() } }
    /// The trained run: network, settings, optimizer state and history.
    public var run: TrainingRun { didSet { shared = DiagnosisMemo() } }
    public var stop: StopReason { didSet { shared = DiagnosisMemo() } }
    /// Asked every epoch by analyzers that train (seed-sensitive): true stops them (Ctrl-C).
    public var shouldStop: () -> Bool = { false }
    /// Facts computed on first use and shared by every analyzer of this diagnosis; changing what they
    /// are computed from starts afresh.
    var shared = DiagnosisMemo()

    public init(data: PreparedData, spec: DataSpec?, flipped: [Int], run: TrainingRun, stop: StopReason) {
        self.data = data
        self.spec = spec
        self.flipped = flipped
        self.run = run
        self.stop = stop
    }

    public var hiddenLayers: [LayerSpec] {
        run.network.hiddenSpecs
    }
}

/// Looks at a run and returns zero or more findings. Analyzers never print.
public protocol Analyzer: Sendable {
    /// The ids this analyzer can emit.
    var ids: [String] { get }
    func analyze(_ context: DiagnosisContext) -> [Finding]
    /// What it trains besides looking, counted before it runs, so that `diagnose` can be weighed up front.
    func training(_ context: DiagnosisContext) -> [TrainingJob]
}

extension Analyzer {
    public func training(_ context: DiagnosisContext) -> [TrainingJob] { [] }
}
