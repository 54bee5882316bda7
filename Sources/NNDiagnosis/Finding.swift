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
    /// For each of `points`, the class it most likely belongs to, when the finding says (label noise); else empty.
    public var suspected: [Int]
    /// What `Doctor.verify` judges the fixes by: the quantity this finding is about.
    public var measure: Measure
    /// Filled by `Doctor.verify`: one per fix it could run, in the order of `fixes`.
    public var verifications: [Verification]

    public init(id: String, severity: Severity, headline: String, evidence: [Evidence], why: String,
                fixes: [Fix] = [], points: [Int] = [], suspected: [Int] = [], measure: Measure = .testAccuracy,
                verifications: [Verification] = []) {
        self.id = id
        self.severity = severity
        self.headline = headline
        self.evidence = evidence
        self.why = why
        self.fixes = fixes
        self.points = points
        self.suspected = suspected
        self.measure = measure
        self.verifications = verifications
    }
}

/// A named number with the sentence fragment that explains it.
public struct Evidence: Equatable, Sendable {
    public var key: String
    public var value: Double
    /// e.g. "the best line gets 53% on train"; the renderer shows this text, JSON shows key/value.
    public var text: String
    /// A yes/no fact (value 1 or 0), which JSON shows as true or false.
    public var isFlag = false

    public init(_ key: String, _ value: Double, _ text: String) {
        self.key = key
        self.value = value
        self.text = text
    }

    public init(_ key: String, flag: Bool, _ text: String) {
        self.init(key, flag ? 1 : 0, text)
        isFlag = true
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
        /// Load the file again with its inputs standardised (verify trains on the same rows standardised).
        case scaleLoadedData
        /// Train each learning rate over `seeds` seeds and compare: advice only.
        case sweep(learningRates: [Double], seeds: Int)
        /// The model's inputs made from the raw columns (`FeatureTerm`s), on the same points.
        case features([FeatureTerm])
        /// The training points `points` (a finding's, named by `finding`) removed, or given the other label.
        case dropPoints(finding: String, points: [Int])
        case relabelPoints(finding: String, points: [Int])
    }

    public var change: Change

    public init(_ change: Change) { self.change = change }

    /// Whether `Doctor.verify` can run it as an experiment.
    public var runnable: Bool {
        switch change {
        case .model, .train, .trainLonger, .data, .scaleLoadedData, .features, .dropPoints, .relabelPoints: return true
        case .sweep: return false
        }
    }
}

/// What running a fix as an experiment changed: medians over the same seeds before and after, of the finding's
/// measure and of test accuracy, and whether the change is beyond what the seeds alone move them.
public struct Verification: Equatable, Sendable {
    public enum Verdict: String, Sendable { case verified, noBetter = "no better", worse }

    public var fix: Fix
    public var measure: Measure
    /// Medians of the measure over `seeds` seeds, of the unchanged setting and of the changed one.
    public var before: Double
    public var after: Double
    public var seeds: Int
    /// How far the seeds alone move the measure's median: half the larger of the two ranges, and never less than
    /// one step of it (one test point, one training point, one point of the class, one swing).
    public var spread: Double
    /// The same for test accuracy (equal to the above when that is the measure).
    public var testBefore: Double, testAfter: Double, testSpread: Double

    public init(fix: Fix, measure: Measure, before: Double, after: Double, spread: Double, seeds: Int,
                test: (before: Double, after: Double, spread: Double)) {
        self.fix = fix
        self.measure = measure
        self.before = before
        self.after = after
        self.spread = spread
        self.seeds = seeds
        (testBefore, testAfter, testSpread) = test
    }

    /// Judged by test accuracy alone.
    public init(fix: Fix, before: Double, after: Double, seeds: Int, spread: Double = 0) {
        self.init(fix: fix, measure: .testAccuracy, before: before, after: after, spread: spread, seeds: seeds,
                  test: (before, after, spread))
    }

    /// Verified when the measure moves the right way by more than the seeds' spread (and test accuracy, where the
    /// measure must keep it, does not fall by more than its own); worse when either moves the wrong way that far.
    public var verdict: Verdict {
        let gain = measure.lowerIsBetter ? before - after : after - before
        if measure.keepsTest && testBefore - testAfter > testSpread { return .worse }
        if gain > spread || (measure == .swings && testAfter - testBefore > testSpread) { return .verified }
        return -gain > spread ? .worse : .noBetter
    }
}
