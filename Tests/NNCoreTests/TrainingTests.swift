import XCTest
@testable import NNCore

/// The seed's three examples land where Keras lands (shared/reference/seed-results.md):
/// medians over 5 train seeds, 500 epochs, batch 32, Adam.
final class TrainingTests: XCTestCase {
    static let seedData = PreparedData(dataset: Generators.circles(n: 200, noise: 0.2, seed: 42),
                                       split: Split.shuffled(count: 200, testFraction: 0.2, seed: 42)).training

    func medianTestAccuracy(hidden: [LayerSpec], lr: Double, epochs: Int = 500) -> Double {
        let accuracies = (0..<5).map { seed -> Double in
            var run = TrainingRun(network: Network(inputs: 2, hidden: hidden),
                                  config: TrainConfig(learningRate: lr, epochs: epochs, seed: UInt32(seed)))
            XCTAssertEqual(run.train(Self.seedData, epochs: epochs), .finished)
            return run.history.last!.testAccuracy
        }
        return accuracies.sorted()[2]
    }

    func testExample1ALineCannotSplitCircles() {
        XCTAssertLessThanOrEqual(medianTestAccuracy(hidden: [], lr: 0.001), 0.6)
    }

    func testExample2And3AHiddenLayerCanAtBothLearningRates() {
        XCTAssertGreaterThanOrEqual(medianTestAccuracy(hidden: [LayerSpec(16, .relu)], lr: 0.001), 0.95)
        XCTAssertGreaterThanOrEqual(medianTestAccuracy(hidden: [LayerSpec(16, .relu)], lr: 0.01), 0.95)
    }

    func testSameSeedSameRunAndContinueGoesOn() {
        let config = TrainConfig(epochs: 20, seed: 4)
        var a = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(8, .tanh)]), config: config)
        var b = a
        a.train(Self.seedData, epochs: 20)
        b.train(Self.seedData, epochs: 10)
        b.train(Self.seedData, epochs: 10)
        XCTAssertEqual(a.network, b.network, "10 + 10 epochs with continue equal 20 in one go")
        XCTAssertEqual(b.history.records.map(\.epoch), Array(1...20))
        XCTAssertLessThan(a.history.last!.trainLoss, a.history.records[0].trainLoss)
    }

    func testEveryOptimizerLowersTheLoss() {
        for kind in OptimizerKind.allCases {
            var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(8, .relu)]),
                                  config: TrainConfig(learningRate: kind == .adam || kind == .rmsprop ? 0.01 : 0.1,
                                                      optimizer: kind, seed: 1, l2: 0.001))
            run.train(Self.seedData, epochs: 30)
            XCTAssertLessThan(run.history.last!.trainLoss, run.history.records[0].trainLoss * 0.9, "\(kind)")
        }
    }

    func testStopSignalKeepsWhatWasLearned() {
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(8, .relu)]), config: TrainConfig(seed: 1))
        var epochs = 0
        let reason = run.train(Self.seedData, epochs: 100, shouldStop: { epochs == 5 }, onEpoch: { _ in epochs += 1 })
        XCTAssertEqual(reason, .interrupted(epoch: 6))
        XCTAssertEqual(run.history.records.count, 5)
    }

    /// Asked before every mini-batch and between measuring passes: a stop inside an epoch undoes that epoch.
    func testAStopInsideAnEpochUndoesIt() {
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(8, .relu)]), config: TrainConfig(seed: 1))
        run.train(Self.seedData, epochs: 3)
        let trained = run.network
        // 160 rows in batches of 32: asked before the epoch, then before batches 2 to 5, then between the splits.
        for stopAt in 2...6 {
            var copy = run, asked = 0
            XCTAssertEqual(copy.train(Self.seedData, epochs: 2, shouldStop: { asked += 1; return asked == stopAt }),
                           .interrupted(epoch: 4), "ask \(stopAt)")
            XCTAssertEqual(copy.network, trained, "ask \(stopAt)")
            XCTAssertEqual(copy.history.records.count, 3)
        }
    }

    /// Wide models are measured a slice of rows at a time (so that a stop is seen between slices):
    /// the record is what one pass over all rows gives.
    func testMeasuringInSlicesGivesTheSameRecord() {
        let data = PreparedData(dataset: Generators.circles(n: 2000, noise: 0.2, seed: 1),
                                split: Split.shuffled(count: 2000, testFraction: 0.2, seed: 1)).training
        let hidden = [LayerSpec(128, .relu), LayerSpec(128, .relu)]
        var run = TrainingRun(network: Network(inputs: 2, hidden: hidden), config: TrainConfig(seed: 2))
        XCTAssertLessThan(TrainingRun.measuredWork / run.network.parameters.count, data.yTrain.count, "two slices or more")
        run.train(data, epochs: 2)
        let last = run.history.last!
        let train = Evaluation(network: run.network, x: data.xTrain, y: data.yTrain)
        let test = Evaluation(network: run.network, x: data.xTest, y: data.yTest)
        XCTAssertEqual(last.trainLoss, train.loss, accuracy: 1e-12)
        XCTAssertEqual(last.trainAccuracy, train.accuracy)
        XCTAssertEqual(last.testLoss, test.loss, accuracy: 1e-12)
        XCTAssertEqual(last.testAccuracy, test.accuracy)
        // Dead units: positive on no training row, over all slices.
        let z = run.network.hiddenValues(data.xTrain).map(\.z)
        let dead = z.map { values in (0..<128).filter { o in !stride(from: o, to: values.count, by: 128).contains { values[$0] > 0 } }.count }
        XCTAssertEqual(last.deadFraction, Double(dead.reduce(0, +)) / 256)
    }

    /// Measuring passes long enough run on several threads (`Threads.count`), each a contiguous part of
    /// the rows: the history and the weights are the same bits for one, two and three threads, with
    /// passes of 1174 rows (training), 106 (its rest) and 400 (test), and early stopping's validation rows.
    func testMeasuringOnSeveralThreadsGivesTheSameBits() {
        let data = PreparedData(dataset: Generators.circles(n: 2000, noise: 0.2, seed: 3),
                                split: Split.shuffled(count: 2000, testFraction: 0.2, seed: 3)).training
        let network = Network(inputs: 2, hidden: [LayerSpec(128, .relu), LayerSpec(128, .relu)])
        var config = TrainConfig(seed: 5)
        config.patience = 5
        let saved = Threads.count
        defer { Threads.count = saved }
        func run(threads: Int) -> (records: [[UInt64]], weights: [UInt64]) {
            Threads.count = threads
            let parts = TrainingRun.measuringParts(rows: TrainingRun.measuredRows(network.parameters.count),
                                                   parameters: network.parameters.count)
            XCTAssertEqual(parts, threads, "every pass of this model is long enough for every thread")
            var run = TrainingRun(network: network, config: config)
            run.train(data, epochs: 2)
            let records = run.history.records.map { r in
                [r.trainLoss, r.trainAccuracy, r.testLoss, r.testAccuracy, r.gradientNorm, r.deadFraction].map(\.bitPattern)
            }
            return (records, run.network.parameters.map(\.bitPattern))
        }
        let one = run(threads: 1)
        XCTAssertEqual(one.records.count, 2)
        for threads in [2, 3] {
            let other = run(threads: threads)
            XCTAssertEqual(other.records, one.records, "\(threads) threads")
            XCTAssertEqual(other.weights, one.weights, "\(threads) threads")
        }
        // The post's job is measured on one thread whatever the count: a thread would cost more than its rows.
        XCTAssertEqual(TrainingRun.measuringParts(rows: 160, parameters: 65), 1)
    }

    func testDivergenceStopsAndKeepsFiniteWeights() {
        // Unscaled huge inputs and a huge SGD step: the logits overflow within a few epochs.
        var data = Self.seedData
        data.xTrain = data.xTrain.map { $0 * 1e150 }
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(8, .relu)]),
                              config: TrainConfig(learningRate: 1e10, optimizer: .sgd, seed: 1))
        guard case .diverged = run.train(data, epochs: 50) else { return XCTFail("expected divergence") }
        XCTAssertTrue(run.network.parameters.allSatisfy(\.isFinite))
        XCTAssertTrue(run.history.records.allSatisfy { $0.trainLoss.isFinite && $0.testLoss.isFinite })
    }
}
