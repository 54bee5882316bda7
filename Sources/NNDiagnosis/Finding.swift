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
    /// Fixes to try, each a command and, where it can be run as an experiment, how.
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

/// A suggested change, as the command a learner types and as an experiment the doctor can run.
public struct Fix: Equatable, Sendable {
    public enum Change: Equatable, Sendable {
        /// Replace the model's hidden layers.
        case model(hidden: [LayerSpec])
        /// Retrain with these settings.
        case train(TrainConfig)
        /// Regenerate the data with this spec (e.g. `scale=on`, more points).
        case data(DataSpec)
        /// Nothing to run: advice only.
        case none
    }

    /// The command line to type, e.g. `model dense16 relu` or `train lr=0.01`.
    public var command: String
    public var change: Change

    public init(command: String, change: Change) {
        self.command = command
        self.change = change
    }
}

/// What running a fix as an experiment changed (median test accuracy over seeds).
public struct Verification: Equatable, Sendable {
    public var command: String
    public var before: Double
    public var after: Double
    public var seeds: Int
    public init(command: String, before: Double, after: Double, seeds: Int) {
        self.command = command
        self.before = before
        self.after = after
        self.seeds = seeds
    }
}
