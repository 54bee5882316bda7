import NNCore

/// Trains the same model on the same data with a few other seeds: when their test
/// accuracies spread wider than the test set can measure, this run's result is partly luck.
public struct SeedSensitive: Analyzer {
    /// 1 to 9 (as far as the range table reaches). Three more runs keep `diagnose` cheap (milliseconds
    /// each in a release build) and still catch a setting where one seed in three or four goes wrong,
    /// like the post's dying-ReLU run at lr 1.0.
    public let extraSeeds: Int

    public init(extraSeeds: Int = 3) { self.extraSeeds = min(max(extraSeeds, 1), 9) }
    public var ids: [String] { ["seed-sensitive"] }

    /// Whether it trains at all: not after a divergence, without a history or without a test set.
    func applies(_ context: DiagnosisContext) -> Bool {
        !context.diverged && !context.run.history.records.isEmpty && !context.data.split.test.isEmpty
    }

    public func training(_ context: DiagnosisContext) -> [TrainingJob] {
        applies(context) ? [Experiment(context).job(on: context.data.training, seeds: extraSeeds)] : []
    }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard applies(context) else { return [] }
        let data = context.data.training
        let settings = context.settings
        let current = Evaluation(network: context.run.network, x: data.xTest, y: data.yTest).accuracy
        let seeds = (1...extraSeeds).map { settings.seed &+ UInt32($0) }
        let extra = Experiment(context).run(on: data, seeds: seeds, shouldStop: context.shouldStop)
        // Cut short by Ctrl-C, the other seeds say nothing: the finding needs all of them.
        let others = extra.interrupted ? [] : extra.testAccuracies
        let all = [current] + others, n = data.yTest.count
        let spread = all.max()! - all.min()!
        // If every seed trained an equally good model, each accuracy would still scatter by the test
        // set's binomial spread; the range of k such draws exceeds q(k)·σ in only 5% of cases.
        let mean = all.reduce(0, +) / Double(all.count)
        let sigma = (mean * (1 - mean) / Double(n)).squareRoot()
        let chance = Self.rangeQuantile(all.count) * sigma
        // And never for fewer than two test points of difference.
        guard spread > chance, spread * Double(n) >= 2 - 1e-9 else { return [] }
        let othersMedian = RunStatistics.median(others)
        // Worse than the other seeds' median by more than two equal runs differ by chance.
        let unlucky = othersMedian - current > Self.rangeQuantile(2) * sigma
        let accuracies = all.map { Format.percent($0) }.joined(separator: ", ")
        let settingsFix: Fix = settings.learningRate >= 0.01 ? .learningRate(settings, times: 0.1)
            : .biggerModel(than: context.hiddenLayers)
        let lr = settings.learningRate, lower = Double(Format.number(lr / 10)) ?? lr / 10
        return [Finding(
            id: "seed-sensitive", severity: unlucky ? .problem : .warning,
            headline: unlucky ? "this run was unlucky: the same setup with other seeds does clearly better"
                : "the result depends on the seed: the same setup lands far apart with other seeds",
            evidence: [
                Evidence("spread", spread, "test accuracy with seeds \(settings.seed), "
                         + seeds.map(String.init).joined(separator: ", ") + ": \(accuracies)"),
                Evidence("chance_spread", chance, "with \(n) test points, \(all.count) equally good runs "
                         + "would spread up to \(Format.percent(chance)) by chance"),
            ],
            why: "The seed decides the starting weights and the order of the batches. When that alone moves the "
                + "test accuracy this much, one run says little; settings that train reliably agree across seeds.",
            fixes: [settingsFix, Fix(.sweep(learningRates: [lr, lower], seeds: 5))])]
    }

    /// The 95% point of the range of k standard normal draws (k = 2...10), the studentized range with infinite degrees of freedom.
    static func rangeQuantile(_ k: Int) -> Double {
        [2.77, 3.31, 3.63, 3.86, 4.03, 4.17, 4.29, 4.39, 4.47][min(max(k, 2), 10) - 2]
    }
}
