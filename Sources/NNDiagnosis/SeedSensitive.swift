import NNCore

/// Trains the same model on the same data with a few other seeds: when their test
/// accuracies spread wider than the test set can measure, this run's result is partly luck.
public struct SeedSensitive: Analyzer {
    /// Three more runs keep `diagnose` cheap (milliseconds each in a release build) and still catch
    /// a setting where one seed in three or four goes wrong, like the seed's dying-ReLU run at lr 1.0.
    public let extraSeeds: Int

    public init(extraSeeds: Int = 3) { self.extraSeeds = extraSeeds }
    public var ids: [String] { ["seed-sensitive"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let data = context.data.training
        guard !context.diverged, !context.run.history.records.isEmpty, !data.yTest.isEmpty else { return [] }
        let settings = context.settings
        let current = RunFacts(context).test.accuracy
        let seeds = (1...extraSeeds).map { settings.seed &+ UInt32($0) }
        let others = Experiment(context).testAccuracies(on: context, seeds: seeds) ?? []
        let all = [current] + others, n = data.yTest.count
        let spread = all.max()! - all.min()!
        let noise = RunStatistics.halfWidth(accuracy: RunStatistics.median(all), n: n)
        // Two test points is the smallest difference worth a word; the Wilson half-width is what the test set can resolve.
        guard spread > noise, spread * Double(n) >= 2 - 1e-9 else { return [] }
        let othersMedian = RunStatistics.median(others)
        let unlucky = othersMedian - current > noise
        let accuracies = all.map { Format.percent($0) }.joined(separator: ", ")
        let settingsFix: Fix = settings.learningRate >= 0.01 ? .learningRate(settings, times: 0.1)
            : .biggerModel(than: context.hiddenLayers)
        let lr = Format.number(settings.learningRate), lower = Format.number(settings.learningRate / 10)
        return [Finding(
            id: "seed-sensitive", severity: unlucky ? .problem : .warning,
            headline: unlucky ? "This run was unlucky: the same setup with other seeds does clearly better."
                : "The result depends on the seed: the same setup lands far apart with other seeds.",
            evidence: [
                Evidence("spread", spread, "test accuracy with seeds \(settings.seed), "
                         + seeds.map(String.init).joined(separator: ", ") + ": \(accuracies)"),
                Evidence("test_noise", noise, "a test set of \(n) points measures accuracy to ±\(Format.percent(noise))"),
            ],
            why: "The seed decides the starting weights and the order of the batches. When that alone moves the "
                + "test accuracy this much, one run says little; settings that train reliably agree across seeds.",
            fixes: [settingsFix, Fix(command: "sweep lr=\(lr),\(lower) seeds=5", change: .none)])]
    }
}
