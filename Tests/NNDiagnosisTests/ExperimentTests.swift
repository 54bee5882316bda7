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

    /// Issue 15's target on the overfitting lesson's data (moons n=60 noise=0.35, dense64 relu dense64 relu, lr 0.01,
    /// 1000 epochs): patience=20 stops early on every seed 0-19 and its median test accuracy is at least the plain
    /// run's. Measured: both 75% (plain 9 of 12 on every seed; early stopping 9 of 12 on 14 seeds, 8 on the other 6,
    /// seed 0 among them, which is why the lesson cites the median and not its own seed). Its test loss is far lower.
    func testEarlyStoppingOnTheOverfittingLessonKeepsTheMedianTestAccuracy() {
        let data = DataSpec(kind: .moons, n: 60, noise: 0.35).generate().prepared.training
        let hidden = [LayerSpec(64, .relu), LayerSpec(64, .relu)]
        var config = TrainConfig(learningRate: 0.01, epochs: 1000)
        let seeds = (0..<20).map(UInt32.init)
        let plain = Experiment(hidden: hidden, config: config).run(on: data, seeds: seeds)
        config.patience = 20
        let early = Experiment(hidden: hidden, config: config).run(on: data, seeds: seeds)
        for run in early.runs {
            guard case .keptBest(let trained, _) = run.stop else { return XCTFail("seed \(run.seed) did not stop early") }
            XCTAssertLessThan(trained, 1000)
        }
        XCTAssertGreaterThanOrEqual(early.median(\.test.accuracy)!, plain.median(\.test.accuracy)!)
        XCTAssertLessThan(early.median(\.test.loss)!, plain.median(\.test.loss)! / 2)
    }
}
