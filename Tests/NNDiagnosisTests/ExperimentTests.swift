import XCTest
import NNCore
@testable import NNDiagnosis

/// The one runner of repeated trainings: what each seed scores, regenerated data, and stopping.
final class ExperimentTests: XCTestCase {
    let data = DataSpec(kind: .circles).generate().prepared.training
    let setting = Experiment(hidden: [LayerSpec(8, .relu)], config: TrainConfig(learningRate: 0.01, epochs: 20))

    func testEachSeedIsAFreshRunScoredByItsFinalWeights() {
        let result = setting.run(on: data, seeds: [3, 5])
        XCTAssertFalse(result.interrupted)
        XCTAssertEqual(result.runs.map(\.seed), [3, 5])
        var config = setting.config
        config.seed = 5
        var alone = TrainingRun(network: Network(inputs: 2, hidden: setting.hidden), config: config)
        alone.train(data, epochs: 20)
        let run = result.runs[1]
        XCTAssertEqual(run.test, Evaluation(network: alone.network, x: data.xTest, y: data.yTest))
        XCTAssertEqual(run.train, Evaluation(network: alone.network, x: data.xTrain, y: data.yTrain))
        // The history's last epoch measures the same weights: sweep's old rule and verify's agree.
        XCTAssertEqual(run.history.last?.testAccuracy, run.test.accuracy)
        XCTAssertEqual(run.history.last?.trainLoss, run.train.loss)
        XCTAssertEqual(result.median(\.test.accuracy), RunStatistics.median(result.testAccuracies))
    }

    func testADataChangeTrainsOnFreshlyGeneratedData() {
        var moved = setting
        moved.spec = DataSpec(kind: .circles, n: 100)
        let run = moved.run(on: data, seeds: [0]).runs[0]
        XCTAssertEqual(run.test.n, 20)
        XCTAssertEqual(setting.run(on: data, seeds: [0]).runs[0].test.n, 40)
    }

    func testStoppingKeepsTheSeedsFinishedAndSaysSo() {
        // Asked 6 times an epoch (before it, before the 4 later mini-batches, between the splits): stopped in seed 1.
        var asked = 0
        let result = setting.run(on: data, seeds: [0, 1, 2]) { asked += 1; return asked > 30 * 6 }
        XCTAssertTrue(result.interrupted)
        XCTAssertEqual(result.runs.map(\.seed), [0])
        XCTAssertNil(Experiment(hidden: [], config: TrainConfig(epochs: 1)).run(on: data, seeds: [0]) { true }.median(\.test.accuracy))
    }

    func testMedianOfNothingIsZeroNotACrash() {
        XCTAssertEqual(RunStatistics.median([]), 0)
        XCTAssertEqual(RunStatistics.median([3, 1, 2]), 2)
        XCTAssertEqual(RunStatistics.median([4, 1, 2, 3]), 2.5)
    }
}
