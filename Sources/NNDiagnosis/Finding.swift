import NNCore

/// One fact about a training run, as data: an analyzer fills it, a renderer words it.
public struct Finding: Equatable, Sendable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case problem, warning, note
        private var rank: Int { self == .problem ? 0 : self == .warning ? 1 : 2 }
        public static func < (l: Severity, r: Severity) -> Bool { l.rank < r.rank }
    }

    /// Stable kebab-case id, part of the command-language contract (`explain ID`).
    public var id: String
    public var severity: Severity
    /// One sentence in plain words.
    public var headline: String
    /// The numbers behind the headline, by name, in the order they should be shown.
    public var evidence: [Evidence]
    /// Two or three sentences a learner can follow.
    public var why: String
    /// Fixes to try, each a typed change that NNLab writes as a command.
    public var fixes: [Fix]
    /// Dataset indices when the finding is about particular points.
    public var points: [Int]
    /// Filled by `Doctor.verify`.
    public var verification: Verification?

    public init(id: String, severity: Severity, headline: String, evidence: [Evidence], why: String,
                fixes: [Fix] = [], points: [Int] = [], verification: Verification? = nil) {
        self.id = id
        self.severity = severity
        self.headline = headline
        self.evidence = evidence
        self.why = why
        self.fixes = fixes
        self.points = points
        self.verification = verification
    }
}

/// A named number with the sentence fragment that explains it.
public struct Evidence: Equatable, Sendable {
    public var key: String
    public var value: Double
    /// e.g. "the best line gets 53% on train"; the renderer shows this text, JSON shows key/value.
    public var text: String

    public init(_ key: String, _ value: Double, _ text: String) {
        self.key = key
        self.value = value
        self.text = text
    }
}

/// A suggested change, as data: NNLab writes it as the command a learner types, and the doctor
/// can run it as an experiment.
public struct Fix: Equatable, Sendable {
    public enum Change: Equatable, Sendable {
        /// Replace the model's hidden layers.
        case model(hidden: [LayerSpec])
        /// Train from scratch with these settings; `was` are the run's own.
        case train(TrainConfig, was: TrainConfig)
        /// Go on training `more` epochs: the same run as `whole` from scratch.
        case trainLonger(more: Int, whole: TrainConfig)
        /// Generate the data again from this spec (`was` is the current one).
        case data(DataSpec, was: DataSpec)
        /// Load the file again with its inputs standardised: advice only.
        case scaleLoadedData
        /// Train each learning rate over `seeds` seeds and compare: advice only.
        case sweep(learningRates: [Double], seeds: Int)
    }

    public var change: Change

    public init(_ change: Change) { self.change = change }

    /// Whether `Doctor.verify` can run it as an experiment.
    public var runnable: Bool {
        switch change {
        case .model, .train, .trainLonger, .data: return true
        case .scaleLoadedData, .sweep: return false
        }
    }
}

/// What running a fix as an experiment changed (median test accuracy over seeds).
public struct Verification: Equatable, Sendable {
    public var fix: Fix
    public var before: Double
    public var after: Double
    public var seeds: Int
    public init(fix: Fix, before: Double, after: Double, seeds: Int) {
        self.fix = fix
        self.before = before
        self.after = after
        self.seeds = seeds
    }
}
