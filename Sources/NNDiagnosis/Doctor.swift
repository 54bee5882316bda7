import NNCore

/// What `diagnose` returns: findings, worst first, and where the missing accuracy goes.
public struct Report: Equatable, Sendable {
    /// Problems, then warnings, then notes; within a severity, in the order the analyzers gave them.
    public var findings: [Finding]
    /// nil without a test set.
    public var budget: ErrorBudget?

    public init(findings: [Finding], budget: ErrorBudget?) {
        self.findings = findings
        self.budget = budget
    }
}

/// Runs the analyzers over a session and, on request, each problem's fix as an experiment.
public struct Doctor: Sendable {
    public let analyzers: [any Analyzer]

    public init(analyzers: [any Analyzer]) {
        self.analyzers = analyzers
    }

    /// Passes of the model over both splits a diagnosis makes: `RunFacts` measures both in seven analyzers
    /// and the error budget, and a few more read the training rows (as counted in the analyzers today).
    static let passes = 10

    /// What `diagnose` trains and measures, counted before it runs (the neighbour search bounds itself).
    public func work(_ context: DiagnosisContext) -> [TrainingJob] {
        let t = context.data.training
        return [TrainingJob(inputs: t.features, hidden: context.hiddenLayers, trainRows: t.yTrain.count,
                            testRows: t.yTest.count, passes: Self.passes, classes: t.classes)]
            + analyzers.flatMap { $0.training(context) }
            // The experiments the error budget, underfitting, not-converged and overfitting share (each run at most once;
            // the well-trained one only when the run falls short, counted anyway).
            + [TrainingJob(hidden: context.hiddenLayers, data: t, config: context.settings, runs: CrossValidation.folds),
               TrainingJob(hidden: context.hiddenLayers, data: t, config: WellTrained.config(context.settings),
                           runs: WellTrained.seeds.count)]
            // The loaded data's Bayes estimate bounded by small default models (asked where it names an overlap).
            + (context.spec == nil ? CrossValidation.defaultJobs(CrossValidation.defaultData(context)) : [])
    }

    /// Once `context.shouldStop` says so (Ctrl-C), the analyzers not yet run and the budget are skipped: the
    /// report holds what the finished ones found, and the caller says that it is incomplete.
    public func diagnose(_ context: DiagnosisContext) -> Report {
        var found: [Finding] = []
        for analyzer in analyzers where !context.shouldStop() { found += analyzer.analyze(context) }
        // Sorting pairs with their position keeps the analyzers' order within a severity.
        let sorted = found.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
        return Report(findings: sorted.map(\.element), budget: context.shouldStop() ? nil : ErrorBudget(context))
    }

    /// Runs every fix of every problem and warning that an experiment can run, each over train seeds 0..<seeds on
    /// the same data (regenerated for a data fix, standardised for a loaded file's scaling fix), and compares its
    /// median test accuracy with the unchanged setting's over the same seeds: a fair before/after, not one lucky
    /// or unlucky run against five. Each verdict weighs the change against the seeds' own spread.
    /// Model and data fixes train as long as the current run; train fixes use their own settings.
    /// Experiments shared by several fixes run once. When `shouldStop` (asked every epoch) says so,
    /// it returns what was verified so far.
    public func verify(_ report: Report, context: DiagnosisContext, seeds: Int = 5,
                       shouldStop: () -> Bool = { false }) -> Report {
        let trainSeeds = Self.verificationSeeds(seeds)
        let testPoint = 1 / Double(max(context.data.training.yTest.count, 1))
        var known: [(trial: Trial, median: Double, halfRange: Double)] = []
        /// nil when `shouldStop` interrupted it.
        func measure(_ trial: Trial) -> (median: Double, halfRange: Double)? {
            if let done = known.first(where: { $0.trial == trial }) { return (done.median, done.halfRange) }
            let result = trial.experiment.run(on: trial.data(context), seeds: trainSeeds, shouldStop: shouldStop)
            guard !result.interrupted, let m = result.median(\.test.accuracy) else { return nil }
            let accuracies = result.testAccuracies
            known.append((trial, m, (accuracies.max()! - accuracies.min()!) / 2))
            return (m, known.last!.halfRange)
        }
        var verified = report
        for (i, fix) in Self.verifiable(report) {
            guard let before = measure(Trial(context)), let after = measure(Trial(context, fix)) else { break }
            verified.findings[i].verifications.append(Verification(
                fix: fix, before: before.median, after: after.median, seeds: trainSeeds.count,
                spread: max(before.halfRange, after.halfRange, testPoint)))
        }
        return verified
    }

    /// What `verify` would train, counted before any of it runs: each distinct experiment once, over its seeds.
    public func verificationWork(_ report: Report, context: DiagnosisContext, seeds: Int = 5) -> [TrainingJob] {
        var trials: [Trial] = []
        for (_, fix) in Self.verifiable(report) {
            for t in [Trial(context), Trial(context, fix)] where !trials.contains(t) { trials.append(t) }
        }
        let n = Self.verificationSeeds(seeds).count
        return trials.map { $0.experiment.job(on: $0.data(context), seeds: n) }
    }

    /// Every verified fix of the report, best median first (a fix shared by several findings once).
    public static func ranking(_ report: Report) -> [Verification] {
        var all: [Verification] = []
        for v in report.findings.flatMap(\.verifications) where !all.contains(where: { $0.fix == v.fix }) { all.append(v) }
        return all.sorted { $0.after > $1.after }
    }

    private static func verificationSeeds(_ seeds: Int) -> [UInt32] { (0..<max(seeds, 1)).map(UInt32.init) }

    /// Every fix of every problem and warning that an experiment can run, with its finding.
    private static func verifiable(_ report: Report) -> [(finding: Int, fix: Fix)] {
        report.findings.enumerated().flatMap { i, finding in
            finding.severity == .note ? [] : finding.fixes.filter(\.runnable).map { (i, $0) }
        }
    }
}

/// One setting `verify` trains: an experiment, on the session's training data or on the same points changed
/// as a fix asks (standardised for a loaded file's scaling fix, other inputs, points dropped or relabelled).
private struct Trial: Equatable {
    var experiment: Experiment
    /// The change to the data handed to the experiment; nil: the session's own.
    var change: Fix.Change?

    init(_ context: DiagnosisContext, _ fix: Fix? = nil) {
        experiment = Experiment(context, fix?.change)
        switch fix?.change {
        case .scaleLoadedData?, .features?, .dropPoints?, .relabelPoints?: change = fix?.change
        default: change = nil
        }
    }

    func data(_ context: DiagnosisContext) -> TrainingData {
        let d = context.data
        switch change {
        case .scaleLoadedData?: return PreparedData(dataset: d.dataset, split: d.split, scaled: true, features: d.features).training
        case .features(let terms)?: return d.with(features: terms).training
        case .dropPoints(_, let points)?: return d.dropping(Set(points)).training
        case .relabelPoints(_, let points)?: return d.relabelling(Set(points)).training
        default: return d.training
        }
    }
}
