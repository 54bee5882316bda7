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
            + retrainings(context)
    }

    /// The run's setting trained again without l2 (OptimisationCause) and with wrong labels put right
    /// (CorrectedLabels), where they may run.
    private func retrainings(_ context: DiagnosisContext) -> [TrainingJob] {
        let t = context.data.training
        let again = TrainingJob(hidden: context.hiddenLayers, data: t, config: context.settings)
        let withoutL2 = context.settings.l2 > 0 ? 1 : 0
        let corrected = t.classes == 2 && (context.spec == nil || !context.flipped.isEmpty) ? 1 : 0
        return Array(repeating: again, count: withoutL2 + corrected)
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
    /// the same data (regenerated for a data fix, standardised for a loaded file's scaling fix), and compares it with
    /// the unchanged setting over the same seeds: a fair before/after, not one lucky or unlucky run against five.
    /// Each fix is judged by its finding's measure (the rare class's recall for class weights, the train–test gap
    /// for overfitting, ...) and by median test accuracy, each change weighed against the seeds' own spread.
    /// Model and data fixes train as long as the current run; train fixes use their own settings.
    /// Experiments shared by several fixes run once. When `shouldStop` (asked every epoch) says so,
    /// it returns what was verified so far.
    public func verify(_ report: Report, context: DiagnosisContext, seeds: Int = 5,
                       shouldStop: () -> Bool = { false }) -> Report {
        let trainSeeds = Self.verificationSeeds(seeds)
        var known: [(trial: Trial, result: ExperimentResult)] = []
        /// nil when `shouldStop` interrupted it.
        func measure(_ trial: Trial) -> ExperimentResult? {
            if let done = known.first(where: { $0.trial == trial }) { return done.result }
            let result = trial.experiment.run(on: trial.data(context), seeds: trainSeeds, shouldStop: shouldStop)
            guard !result.interrupted, !result.runs.isEmpty else { return nil }
            known.append((trial, result))
            return result
        }
        var verified = report
        for (i, fix) in Self.verifiable(report) {
            guard let before = measure(Trial(context)), let after = measure(Trial(context, fix)) else { break }
            let m = report.findings[i].measure
            guard let judged = Self.compare(m, before, after) else { continue }
            let test = Self.compare(.testAccuracy, before, after)!
            verified.findings[i].verifications.append(Verification(
                fix: fix, measure: m, before: judged.before, after: judged.after, spread: judged.spread,
                seeds: trainSeeds.count, test: test))
        }
        return verified
    }

    /// The medians of `measure` over two experiments' seeds and how far the seeds alone move them: half the larger
    /// of the two ranges, never less than one step of the measure. nil when a run cannot be measured so.
    private static func compare(_ measure: Measure, _ before: ExperimentResult, _ after: ExperimentResult)
        -> (before: Double, after: Double, spread: Double)? {
        let values = [before, after].map { $0.runs.compactMap(measure.value) }
        guard values.allSatisfy({ $0.count == before.runs.count && !$0.isEmpty }) else { return nil }
        let halfRanges = values.map { ($0.max()! - $0.min()!) / 2 }
        let step = (before.runs + after.runs).map(measure.step).max()!
        return (RunStatistics.median(values[0]), RunStatistics.median(values[1]), max(halfRanges[0], halfRanges[1], step))
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

    /// Every verified fix of the report, verified ones first, then no better, then worse, and within each the best
    /// median test accuracy first (a fix shared by several findings once, judged as its first finding judges it).
    public static func ranking(_ report: Report) -> [Verification] {
        var all: [Verification] = []
        for v in report.findings.flatMap(\.verifications) where !all.contains(where: { $0.fix == v.fix }) { all.append(v) }
        let rank: [Verification.Verdict: Int] = [.verified: 0, .noBetter: 1, .worse: 2]
        return all.enumerated().sorted {
            (rank[$0.element.verdict]!, -$0.element.testAfter, $0.offset) < (rank[$1.element.verdict]!, -$1.element.testAfter, $1.offset)
        }.map(\.element)
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
