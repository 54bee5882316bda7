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
        // Continue, larger steps, then the settings the experiment showed these layers fit with.
        XCTAssertEqual(finding?.fixes.map(\.command), ["train continue epochs=500", "train lr=0.01 epochs=20", "train lr=0.01 epochs=300"])
        XCTAssertEqual(value(finding, "well_trained_train_accuracy"), 1)
        var longer = S.stoppedEarly.run.config
        longer.epochs = 520
        XCTAssertEqual(finding?.fixes.first?.change, .trainLonger(more: 500, whole: longer), "continuing 500 epochs is training 520 from scratch")
        let trend = RunFacts(S.stoppedEarly).trend!
        XCTAssertGreaterThan(value(finding, "loss_trend")!, 0)
        XCTAssertGreaterThanOrEqual(trend.projectedDrop, LossTrend.minimumProjected)
        XCTAssertEqual(trend.further, 500, "projected over the further training the fix suggests")
    }

    func testNotConvergedStaysQuietWhenFlatOrPerfectOnTrain() {
        XCTAssertEqual(NotConverged().analyze(S.example1), [], "a line on circles cannot fit rings however it is trained")
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
        let context = S.fourUnits(seed: 5)
        let finding = only(Overfitting().analyze(context), "overfitting")
        // 99.4% on train, 94.4% on the training rows in 5-fold cross-validation (90–97%), 90% on test.
        XCTAssertGreaterThan(value(finding, "gap_beyond_chance")!, 0)
        let cv = try! XCTUnwrap(context.crossValidation)
        XCTAssertEqual(value(finding, "gap_beyond_chance")!, cv.gapBeyondChance(train: RunFacts(context).train.accuracy), accuracy: 1e-12)
        let best = context.run.history.bestTestEpoch!.epoch
        XCTAssertEqual(value(finding, "best_epoch"), Double(best))
        XCTAssertEqual(best, 90, "late in the run")
        // Remedies that pick nothing on the test set: early stopping on held-out training rows, dropout, l2.
        XCTAssertEqual(finding?.fixes.map(\.command), ["train patience=20 lr=0.1 epochs=100 seed=5", "model dense4 relu dropout=0.2",
                                                       "train l2=0.01 lr=0.1 epochs=100 seed=5"])
        XCTAssertEqual(ErrorBudget(context)!.share("variance"), RunFacts(context).train.accuracy - cv.accuracy, accuracy: 1e-12,
                       "the budget's variance is the gap overfitting saw")
    }

    func testOverfittingStaysQuietOnOneMissOfForty() {
        XCTAssertEqual(S.example2.run.history.last?.testAccuracy, 0.975)
        XCTAssertEqual(Overfitting().analyze(S.example2), [])
    }

    /// Example 3's setting on data seed 5: 0 misses of 160 on train, 3 of 40 on test. Fisher's test (p 0.0075)
    /// called that overfitting; cross-validation sees no gap beyond chance, so overfitting stays quiet. 37/40 is
    /// known only to 80–98% (95% interval): chance explains the test set up to 98%, and the 99.4% the rows predict
    /// lies above that, so the last 1.4 points are unexplained, not charged to sampling or to a named row.
    func testOverfittingAgreesWithTheBudgetOnThreeMissesOfForty() {
        let context = S.context(S.relu16, TrainConfig(learningRate: 0.01), data: DataSpec(kind: .circles, seed: 5))
        let facts = RunFacts(context)
        XCTAssertEqual(facts.train.accuracy, 1)
        XCTAssertEqual(facts.test.accuracy, 0.925)
        let high = Proportion.interval(37, of: 40).high
        XCTAssertLessThan(context.crossValidation!.gapBeyondChance(train: 1), 0)
        XCTAssertEqual(Overfitting().analyze(context), [])
        let budget = ErrorBudget(context)!
        XCTAssertEqual(budget.share("variance"), 0)
        XCTAssertEqual(budget.share("sampling"), high - 0.925, accuracy: 1e-12)
        XCTAssertEqual(budget.share("unexplained"), 0.075 - facts.bayes.value - (high - 0.925), accuracy: 1e-12)
    }

    /// The one sampling interval: the low end of the test accuracy's 95% interval, never zero.
    func testTheTestMarginIsTheIntervalsLowEndAndNeverZero() {
        // Agresti–Coull: 40/40 is known to 90–100%, 36/40 to 76–97%, 9/12 to 46–92%.
        XCTAssertEqual(1 - Proportion.interval(40, of: 40).low, 0.104, accuracy: 1e-3)
        XCTAssertEqual(0.9 - Proportion.interval(36, of: 40).low, 0.136, accuracy: 1e-3)
        XCTAssertEqual(0.75 - Proportion.interval(9, of: 12).low, 0.29, accuracy: 1e-2)
        XCTAssertLessThan(0.9 - Proportion.interval(360, of: 400).low, 0.035)
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
        XCTAssertEqual(finding?.severity, .note, "saturated, yet 100% on train: nothing lost to it")
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

    /// Adam at lr 0.0001 moves the loss only 0.2–0.4% per tenth of the run, but steadily: still falling, not settled.
    func testTinyStepsAreStillFallingAndALineHasSettled() {
        for epochs in [5, 20, 50, 100] {
            let context = S.context(S.relu16, TrainConfig(learningRate: 0.0001, epochs: epochs))
            let trend = RunFacts(context).trend!
            XCTAssertLessThan(trend.relativeDrop, LossTrend.smallDrop, "\(epochs) epochs")
            XCTAssertTrue(trend.isFalling, "\(epochs) epochs: \(trend.evidence.text)")
            XCTAssertFalse(trend.isFlat, "\(epochs) epochs")
            XCTAssertEqual(NotConverged().analyze(context).map(\.id), ["not-converged"], "\(epochs) epochs")
            XCTAssertEqual(Underfitting().analyze(context), [], "\(epochs) epochs")
            XCTAssertTrue(trend.evidence.text.contains("small but steady"), trend.evidence.text)
        }
        let line = RunFacts(S.example1).trend!
        XCTAssertLessThan(line.relativeDrop, 1e-5, "a line on circles is level")
        XCTAssertTrue(line.isFlat)
        XCTAssertLessThan(line.projectedDrop, 0.001)
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

    /// The share of the descent is measured from the highest loss before the window: a loss that climbed after epoch 1
    /// (as sgd at large steps does) fell further in its last tenth than since epoch 1, which read "102% of its fall".
    func testTheShareOfTheDescentCountsFromTheLossPeak() {
        // 0.7 at epoch 1, up to 3.0 at epoch 40, then down to 0.5 by epoch 100, falling fast over the last tenth.
        let climbThenFall: [Double] = (0..<100).map { i -> Double in
            let x = Double(i)
            return i < 40 ? 0.7 + 2.3 * x / 39 : 3.0 - 2.5 * (x - 39) / 60
        }
        let trend = LossTrend(climbThenFall)!
        XCTAssertEqual(trend.peakEpoch, 40)
        XCTAssertLessThanOrEqual(trend.shareOfDescent, 1)
        XCTAssertEqual(trend.shareOfDescent, (trend.start - trend.end) / (3.0 - trend.end), accuracy: 1e-9)
        XCTAssertTrue(trend.evidence.text.contains("of its fall since epoch 40"), trend.evidence.text)
        // From epoch 1 (the usual case) the words are as before.
        let steady = LossTrend((0..<100).map { i in 1.0 - 0.005 * Double(i) })!
        XCTAssertEqual(steady.peakEpoch, 1)
        XCTAssertTrue(steady.evidence.text.contains("of its fall since epoch 1"), steady.evidence.text)
    }
}
