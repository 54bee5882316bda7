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
                            testRows: t.yTest.count, passes: Self.passes)]
            + analyzers.flatMap { $0.training(context) }
            // The experiments the error budget, underfitting, not-converged and overfitting share (each run at most once;
            // the well-trained one only when the run falls short, counted anyway).
            + [TrainingJob(hidden: context.hiddenLayers, data: t, config: context.settings, runs: CrossValidation.folds),
               TrainingJob(hidden: context.hiddenLayers, data: t, config: WellTrained.config(context.settings),
                           runs: WellTrained.seeds.count)]
    }

    public func diagnose(_ context: DiagnosisContext) -> Report {
        let found = analyzers.flatMap { $0.analyze(context) }
        // Sorting pairs with their position keeps the analyzers' order within a severity.
        let sorted = found.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
        return Report(findings: sorted.map(\.element), budget: ErrorBudget(context))
    }

    /// For each problem, runs its first runnable fix on the same data (regenerated for a data fix) with
    /// train seeds 0..<seeds and compares the median test accuracy with that of the unchanged setting
    /// over the same seeds: a fair before/after, not one lucky or unlucky run against five.
    /// Model and data fixes train as long as the current run; train fixes use their own settings.
    /// Experiments shared by several findings run once. When `shouldStop` (asked every epoch) says so,
    /// it returns what was verified so far.
    public func verify(_ report: Report, context: DiagnosisContext, seeds: Int = 5,
                       shouldStop: () -> Bool = { false }) -> Report {
        let trainSeeds = Self.verificationSeeds(seeds)
        var known: [(experiment: Experiment, median: Double)] = []
        /// nil when `shouldStop` interrupted it.
        func median(_ experiment: Experiment) -> Double? {
            if let done = known.first(where: { $0.experiment == experiment }) { return done.median }
            let result = experiment.run(on: context.data.training, seeds: trainSeeds, shouldStop: shouldStop)
            guard !result.interrupted, let m = result.median(\.test.accuracy) else { return nil }
            known.append((experiment, m))
            return m
        }
        var verified = report
        for (i, fix) in Self.verifiable(report) {
            guard let before = median(Experiment(context)), let after = median(Experiment(context, fix.change)) else { break }
            verified.findings[i].verification = Verification(fix: fix, before: before, after: after,
                                                              seeds: trainSeeds.count)
        }
        return verified
    }

    /// What `verify` would train, counted before any of it runs: each distinct experiment once, over its seeds.
    public func verificationWork(_ report: Report, context: DiagnosisContext, seeds: Int = 5) -> [TrainingJob] {
        var experiments: [Experiment] = []
        for (_, fix) in Self.verifiable(report) {
            for e in [Experiment(context), Experiment(context, fix.change)] where !experiments.contains(e) { experiments.append(e) }
        }
        let n = Self.verificationSeeds(seeds).count
        return experiments.map { $0.job(on: context.data.training, seeds: n) }
    }

    private static func verificationSeeds(_ seeds: Int) -> [UInt32] { (0..<max(seeds, 1)).map(UInt32.init) }

    /// Each problem with its first fix that an experiment can run.
    private static func verifiable(_ report: Report) -> [(finding: Int, fix: Fix)] {
        report.findings.enumerated().compactMap { i, finding in
            guard finding.severity == .problem, let fix = finding.fixes.first(where: \.runnable) else { return nil }
            return (i, fix)
        }
    }
}
