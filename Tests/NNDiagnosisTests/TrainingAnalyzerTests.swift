import NNCore
import XCTest
@testable import NNDiagnosis

/// Each training-side analyzer on a run where it must fire and on runs where it must stay quiet.
final class TrainingAnalyzerTests: XCTestCase {
    typealias S = TrainingScenarios

    func only(_ findings: [Finding], _ id: String, file: StaticString = #filePath, line: UInt = #line) -> Finding? {
        XCTAssertEqual(findings.map(\.id), [id], file: file, line: line)
        return findings.first
    }

    func value(_ finding: Finding?, _ key: String) -> Double? {
        finding?.evidence.first { $0.key == key }?.value
    }

    func testTheSeedsHealthyExamplesGetNoProblemOrWarning() {
        for (name, context) in [("example 2", S.example2), ("example 3", S.example3)] {
            for analyzer in S.trainingAnalyzers {
                let loud = analyzer.analyze(context).filter { $0.severity != .note }
                XCTAssertEqual(loud.map(\.id), [], "\(name): \(loud.map(\.headline))")
            }
        }
    }

    func testUnderfittingFiresOnALineThroughCirclesAndSuggestsAHiddenLayer() {
        let finding = only(Underfitting().analyze(S.example1), "underfitting")
        XCTAssertEqual(finding?.severity, .problem)
        XCTAssertEqual(value(finding, "train_accuracy")!, 0.5375, accuracy: 1e-12)
        XCTAssertEqual(finding?.fixes.first?.command, "model dense16 relu")
        XCTAssertEqual(finding?.fixes.first?.change, .model(hidden: S.relu16))
    }

    func testUnderfittingStaysQuietWhileTheLossIsStillFallingOrJumping() {
        XCTAssertEqual(Underfitting().analyze(S.stoppedEarly), [])
        XCTAssertEqual(Underfitting().analyze(S.hugeSteps), [])
        XCTAssertEqual(Underfitting().analyze(S.blowUp), [])
    }

    func testNotConvergedFiresWhenStoppedEarlyAndSuggestsContinuing() {
        let finding = only(NotConverged().analyze(S.stoppedEarly), "not-converged")
        XCTAssertEqual(finding?.fixes.map(\.command), ["train continue epochs=500", "train lr=0.01 epochs=20"])
        var longer = S.stoppedEarly.run.config
        longer.epochs = 520
        XCTAssertEqual(finding?.fixes.first?.change, .train(longer), "continuing 500 epochs is training 520 from scratch")
        XCTAssertGreaterThan(value(finding, "loss_trend")!, LossTrend.minimumDrop)
    }

    func testNotConvergedStaysQuietWhenFlatOrPerfectOnTrain() {
        XCTAssertEqual(NotConverged().analyze(S.example1), [], "a line on circles has flattened")
        XCTAssertEqual(NotConverged().analyze(S.example2), [], "still falling, but every training point is right")
        XCTAssertEqual(NotConverged().analyze(S.hugeSteps), [], "a zigzag is not a descent")
    }

    func testOscillatingLossFiresOnHugeStepsAndSuggestsSmallerOnes() {
        let finding = only(OscillatingLoss().analyze(S.hugeSteps), "oscillating-loss")
        XCTAssertGreaterThanOrEqual(value(finding, "swings")!, 2, "at least 20% of the last 10 epochs")
        XCTAssertGreaterThanOrEqual(value(finding, "largest_swing")!, OscillatingLoss.swing)
        XCTAssertEqual(finding?.fixes.first?.command, "train lr=1 epochs=30 optimizer=sgd")
        XCTAssertEqual(OscillatingLoss().analyze(S.example1), [])
    }

    func testSwingsAreRisesFromATroughToTheNextPeak() {
        let swings = OscillatingLoss.swings([1, 0.5, 0.7, 0.9, 0.4, 0.4, 0.8, 0.6])
        XCTAssertEqual(swings.map(\.trough), [0.5, 0.4])
        XCTAssertEqual(swings[0].rise, 0.4, accuracy: 1e-12)
        XCTAssertEqual(swings[1].rise, 0.4, accuracy: 1e-12)
        XCTAssertTrue(OscillatingLoss.swings([3, 2, 1, 0.5]).isEmpty)
    }

    func testDivergedUsesTheLastFiniteLossAndNoFindingPrintsNaN() {
        XCTAssertEqual(S.blowUp.stop, .diverged(epoch: 24))
        let finding = only(Diverged().analyze(S.blowUp), "diverged")
        XCTAssertEqual(value(finding, "epoch"), 24)
        XCTAssertEqual(value(finding, "last_finite_loss"), S.blowUp.run.history.last!.trainLoss)
        XCTAssertEqual(finding?.fixes.first?.command, "train lr=1 epochs=100 optimizer=sgd l2=1")
        let all = S.trainingAnalyzers.flatMap { $0.analyze(S.blowUp) }
        XCTAssertEqual(all.map(\.id), ["diverged"], "the others stay quiet on a run that blew up")
        for f in all {
            for text in [f.headline, f.why] + f.evidence.map(\.text) + f.fixes.map(\.command) {
                XCTAssertFalse(text.lowercased().contains("nan") || text.contains("inf"), text)
            }
            XCTAssertTrue(f.evidence.allSatisfy(\.value.isFinite))
        }
        XCTAssertEqual(Diverged().analyze(S.example1), [])
    }

    func testOverfittingFiresBeyondChanceAndPointsAtTheBestEpoch() {
        let context = S.fourUnits(seed: 1)
        let finding = only(Overfitting().analyze(context), "overfitting")
        XCTAssertLessThan(value(finding, "p_value")!, 0.01)
        let best = context.run.history.bestTestEpoch!.epoch
        XCTAssertEqual(value(finding, "best_epoch"), Double(best))
        XCTAssertEqual(finding?.fixes.map(\.command), ["train epochs=\(best) lr=0.1 seed=1", "train l2=0.01 lr=0.1 epochs=100 seed=1"])
    }

    func testOverfittingStaysQuietOnOneMissOfForty() {
        XCTAssertEqual(S.example2.run.history.last?.testAccuracy, 0.975)
        XCTAssertEqual(Overfitting().analyze(S.example2), [])
    }

    func testFisherTailMatchesTheHypergeometricCount() {
        // 4 errors among 200 points, all 4 among the 40 test points: C(40,4)/C(200,4).
        XCTAssertEqual(RunStatistics.fisherTail(errors: 4, of: 200, draws: 40, atLeast: 4),
                       (40.0 * 39 * 38 * 37) / (200.0 * 199 * 198 * 197), accuracy: 1e-12)
        // One error: it lands among the 40 test points with chance 40/200.
        XCTAssertEqual(RunStatistics.fisherTail(errors: 1, of: 200, draws: 40, atLeast: 1), 0.2, accuracy: 1e-12)
        XCTAssertEqual(RunStatistics.fisherTail(errors: 3, of: 200, draws: 40, atLeast: 0), 1, accuracy: 1e-12)
    }

    func testDeadReLUIsAProblemWhenItCostsAccuracy() {
        let finding = only(DeadReLU().analyze(S.hugeSteps), "dead-relu")
        XCTAssertEqual(finding?.severity, .problem)
        XCTAssertEqual(value(finding, "dead_units"), 16)
        XCTAssertEqual(finding?.fixes.map(\.command), ["train lr=1 epochs=30 optimizer=sgd", "model dense16 leaky_relu"])
        XCTAssertEqual(DeadReLU().analyze(S.example1), [], "no ReLU units, nothing to count")
    }

    func testDeadReLUIsAWarningWhenTheRestStillFitsTheData() {
        let context = S.context(S.relu16, TrainConfig(learningRate: 1, epochs: 100, seed: 3))
        let finding = only(DeadReLU().analyze(context), "dead-relu")
        XCTAssertEqual(finding?.severity, .warning)
        XCTAssertEqual(value(finding, "dead_units"), 8)
        XCTAssertNotNil(value(finding, "dead_since"))
    }

    func testSaturationFiresOnTanhWithHugeStepsAndStaysQuietOnGentleOnes() {
        let finding = only(Saturation().analyze(S.tanh16(learningRate: 1)), "saturation")
        XCTAssertEqual(finding?.severity, .warning, "saturated, yet 100% on train")
        XCTAssertEqual(finding?.fixes.map(\.command), ["model dense16 relu"])
        XCTAssertEqual(Saturation().analyze(S.tanh16(learningRate: 0.01)), [])
        XCTAssertEqual(Saturation().analyze(S.example2), [], "no tanh or sigmoid units")
    }

    func testSaturationOnUnscaledDataSuggestsScalingFirst() {
        let finding = Saturation().analyze(S.tanh16(DataSpec(kind: .circles, scaled: false), learningRate: 1)).first
        XCTAssertEqual(finding?.fixes.first?.command, "data circles scale=on")
    }

    func testSeedSensitiveCatchesAnUnluckySeed() {
        let finding = only(SeedSensitive().analyze(S.fourUnits(seed: 5)), "seed-sensitive")
        XCTAssertEqual(finding?.severity, .problem)
        XCTAssertGreaterThan(value(finding, "spread")!, value(finding, "chance_spread")!)
        XCTAssertEqual(finding?.fixes.map(\.command), ["train lr=0.01 epochs=100 seed=5", "sweep lr=0.1,0.01 seeds=5"])
    }

    func testLossTrendTellsFallingFromFlatFromJumping() {
        let steady: [Double] = (0..<100).map { i in 1.0 - 0.005 * Double(i) }
        let falling = LossTrend(steady)!
        XCTAssertTrue(falling.isFalling)
        XCTAssertFalse(falling.isFlat)
        // A quick fall, then a level with a little batch noise.
        let plateau: [Double] = (0..<100).map { i -> Double in
            let x = Double(i)
            return i < 10 ? 0.69 + 0.1 / (x + 1) : 0.69 + 0.0001 * Double(i % 2)
        }
        XCTAssertTrue(LossTrend(plateau)!.isFlat)
        let zigzag: [Double] = (0..<100).map { i -> Double in
            let x = Double(i)
            return (i % 2 == 0 ? 1.1 : 0.5) - 0.001 * x
        }
        let jumping = LossTrend(zigzag)!
        XCTAssertFalse(jumping.isFalling, "a zigzag with a slight slope is not a descent")
        XCTAssertFalse(jumping.isFlat)
        XCTAssertNil(LossTrend([0.7, 0.6]))
    }
}
