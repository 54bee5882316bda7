import NNCore

/// The same setting trained once per value of one setting, with the same seeds: final accuracy and loss,
/// how soon the training accuracy first reached 99%, where the test loss was lowest, and the loss per epoch.
/// With several seeds every number is the median over them (per epoch for the curves).
public struct Comparison: Sendable {
    public struct Entry: Sendable {
        public var trainAccuracy: Double, testAccuracy: Double
        public var trainLoss: Double, testLoss: Double
        /// The first epoch whose training accuracy was 99% or more (median over the seeds); nil when the median run never got there.
        public var epochTrain99: Int?
        /// The epoch of the lowest test loss (median over the seeds).
        public var bestTestEpoch: Int
        /// Median train and test loss per epoch, as long as the shortest seed's run.
        public var trainLosses: [Double], testLosses: [Double]
        public var seeds: Int
    }

    /// One per setting, in order; fewer when Ctrl-C stopped it.
    public var entries: [Entry]
    public var interrupted: Bool

    /// Runs one chart can tell apart (its four line styles).
    public static let maximumRuns = 4

    /// Training accuracy that counts as fitted, for `epochTrain99`.
    public static let fitted = 0.99

    public static func run(_ experiments: [Experiment], on data: TrainingData, seeds: [UInt32],
                           shouldStop: () -> Bool = { false }) -> Comparison {
        var comparison = Comparison(entries: [], interrupted: false)
        for experiment in experiments {
            let result = experiment.run(on: data, seeds: seeds, shouldStop: shouldStop)
            if result.interrupted || result.runs.isEmpty { comparison.interrupted = true; break }
            comparison.entries.append(Entry(result))
        }
        return comparison
    }

    /// The value whose median run first reached 99% on train soonest; nil when none did or two tie.
    public var fastestToFit: Int? {
        let reached = entries.enumerated().compactMap { i, e in e.epochTrain99.map { (i, $0) } }
        guard let best = reached.min(by: { $0.1 < $1.1 }), reached.filter({ $0.1 == best.1 }).count == 1 else { return nil }
        return best.0
    }
}

extension Comparison.Entry {
    init(_ result: ExperimentResult) {
        let runs = result.runs, median = RunStatistics.median
        trainAccuracy = median(runs.map(\.train.accuracy))
        testAccuracy = median(runs.map(\.test.accuracy))
        trainLoss = median(runs.map(\.train.loss))
        testLoss = median(runs.map(\.test.loss))
        // A run that never got there counts as later than any that did: the median is nil when half or more never did.
        let reached = runs.map { run in
            run.history.records.first { $0.trainAccuracy >= Comparison.fitted }.map { Double($0.epoch) } ?? .infinity
        }
        let m = median(reached)
        epochTrain99 = m.isFinite ? Int(m.rounded()) : nil
        bestTestEpoch = Int(median(runs.map { Double($0.history.bestTestEpoch?.epoch ?? 0) }).rounded())
        let length = runs.map(\.history.records.count).min() ?? 0
        trainLosses = (0..<length).map { e in median(runs.map { $0.history.records[e].trainLoss }) }
        testLosses = (0..<length).map { e in median(runs.map { $0.history.records[e].testLoss }) }
        seeds = runs.count
    }
}
