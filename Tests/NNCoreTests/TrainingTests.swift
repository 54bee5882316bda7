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
        var asked = 0
        let reason = run.train(Self.seedData, epochs: 100, shouldStop: { asked += 1; return asked > 5 })
        XCTAssertEqual(reason, .interrupted(epoch: 6))
        XCTAssertEqual(run.history.records.count, 5)
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
