import NNCore
import XCTest
@testable import NNDiagnosis

/// Returns fixed findings, so the doctor's sorting and verification can be tested alone.
private struct Canned: Analyzer {
    let findings: [Finding]
    var ids: [String] { findings.map(\.id) }
    func analyze(_ context: DiagnosisContext) -> [Finding] { findings }
}

private func finding(_ id: String, _ severity: Finding.Severity, _ fixes: [Fix] = []) -> Finding {
    Finding(id: id, severity: severity, headline: id, evidence: [], why: "", fixes: fixes)
}

final class DoctorTests: XCTestCase {
    typealias S = TrainingScenarios
    let hiddenLayer = Fix.model(S.relu16)

    func testFindingsComeWorstFirstInTheAnalyzersOrder() {
        let doctor = Doctor(analyzers: [
            Canned(findings: [finding("a-note", .note), finding("a-problem", .problem)]),
            Canned(findings: [finding("b-warning", .warning), finding("b-problem", .problem), finding("b-note", .note)]),
        ])
        XCTAssertEqual(doctor.diagnose(S.example1).findings.map(\.id),
                       ["a-problem", "b-problem", "b-warning", "a-note", "b-note"])
    }

    func testVerifyShowsAHiddenLayerFixesExample1() {
        let doctor = Doctor(analyzers: [Canned(findings: [
            finding("needs-a-hidden-layer", .problem, [Fix(.sweep(learningRates: [0.1], seeds: 5)), hiddenLayer]),
            finding("only-a-warning", .warning, [hiddenLayer]),
            finding("advice-only", .problem, [Fix(.scaleLoadedData)]),
        ])])
        let report = doctor.verify(doctor.diagnose(S.example1), context: S.example1)
        let verifications = report.findings[0].verifications
        XCTAssertEqual(verifications.map(\.fix), [hiddenLayer], "every runnable fix (a sweep is advice only)")
        let verification = verifications.first
        XCTAssertEqual(verification?.seeds, 5)
        XCTAssertLessThanOrEqual(verification?.before ?? 1, 0.6, "a line: median of seeds 0–4")
        XCTAssertGreaterThanOrEqual(verification?.after ?? 0, 0.95, "16 ReLU units: median of seeds 0–4")
        XCTAssertEqual(verification?.verdict, .verified)
        // Scaling rows that are scaled already changes nothing: no better, and said so.
        XCTAssertEqual(report.findings[1].verifications.map(\.verdict), [.noBetter])
        XCTAssertEqual(report.findings[1].verifications.first?.before, report.findings[1].verifications.first?.after)
        XCTAssertEqual(report.findings[2].verifications.map(\.fix), [hiddenLayer], "warnings' fixes are verified too")
        XCTAssertEqual(Doctor.ranking(report).map(\.fix), [hiddenLayer, Fix(.scaleLoadedData)], "best median first, each fix once")
        XCTAssertEqual(report.findings.map(\.id), ["needs-a-hidden-layer", "advice-only", "only-a-warning"])
    }

    /// Issue 12: 60% -> 65% is no fix when the seeds alone move the median by 10 points.
    func testAVerdictWeighsTheChangeAgainstTheSeedsSpread() {
        let f = hiddenLayer
        XCTAssertEqual(Verification(fix: f, before: 0.6, after: 0.65, seeds: 5, spread: 0.1).verdict, .noBetter)
        XCTAssertEqual(Verification(fix: f, before: 0.6, after: 0.9, seeds: 5, spread: 0.1).verdict, .verified)
        XCTAssertEqual(Verification(fix: f, before: 0.9, after: 0.6, seeds: 5, spread: 0.1).verdict, .worse)
    }

    /// Issue 15: each fix is judged by what its finding is about, and a measure of something else than accuracy on
    /// new points must keep test accuracy.
    func testAVerdictUsesTheFindingsMeasure() {
        let f = hiddenLayer
        func v(_ m: Measure, _ before: Double, _ after: Double, test: (Double, Double)) -> Verification.Verdict {
            Verification(fix: f, measure: m, before: before, after: after, spread: 0.05, seeds: 5, test: (test.0, test.1, 0.05)).verdict
        }
        // Class weights trade overall accuracy for the rare class: judged by its recall.
        XCTAssertEqual(v(.recall(class: 1), 0.55, 1, test: (0.95, 0.73)), .verified)
        XCTAssertEqual(v(.recall(class: 1), 0.55, 0.3, test: (0.95, 0.99)), .worse)
        // A narrower gap bought with test accuracy is no cure for overfitting.
        XCTAssertEqual(v(.gap, 0.25, 0.08, test: (0.75, 0.75)), .verified)
        XCTAssertEqual(v(.gap, 0.25, 0.08, test: (0.75, 0.6)), .worse)
        XCTAssertEqual(v(.gap, 0.25, 0.4, test: (0.75, 0.75)), .worse)
        XCTAssertEqual(v(.trainAccuracy, 0.87, 0.996, test: (0.975, 0.95)), .verified, "test within the seeds' spread")
        // A smoother loss verifies, and so does a better test accuracy.
        XCTAssertEqual(v(.swings, 29, 2, test: (0.45, 0.45)), .verified)
        XCTAssertEqual(v(.swings, 29, 29, test: (0.45, 0.9)), .verified)
        XCTAssertEqual(v(.swings, 29, 29, test: (0.45, 0.45)), .noBetter)
    }

    /// gauss with class 1 at a tenth of class 0 and a line (issue 15's target): class-imbalance's class weights are
    /// judged by class 1's recall on train, which rises by at least 0.2 over the same five seeds (measured 55.6% ->
    /// 100%), although median test accuracy falls (95.5% -> 72.7%): the verdict is verified, by that measure.
    func testClassWeightsAreJudgedByTheRareClassRecall() throws {
        let context = S.context([], TrainConfig(), data: DataSpec(kind: .gauss, imbalance: 0.1))
        let report = Doctor.standard.verify(Doctor.standard.diagnose(context), context: context)
        let imbalance = try XCTUnwrap(report.findings.first { $0.id == "class-imbalance" })
        XCTAssertEqual(imbalance.measure, .recall(class: 1))
        let weights = try XCTUnwrap(imbalance.verifications.first { $0.fix == .train(context.settings) { $0.classWeight = .balanced } })
        XCTAssertEqual(weights.measure, .recall(class: 1))
        XCTAssertGreaterThanOrEqual(weights.after - weights.before, 0.2)
        XCTAssertLessThan(weights.testAfter, weights.testBefore, "overall accuracy is what the weights trade")
        XCTAssertEqual(weights.verdict, .verified)
        XCTAssertEqual(imbalance.verifications.count, imbalance.fixes.count, "every try, the data fix included")
    }

    func testVerifyRunsAnExperimentOnceAndStopsWhenAsked() {
        let narrower = Fix.model([LayerSpec(units: 8, activation: .relu)])
        let doctor = Doctor(analyzers: [Canned(findings: [
            finding("one", .problem, [narrower]), finding("two", .problem, [narrower]),
            finding("same-as-now", .problem, [hiddenLayer]),
        ])])
        let context = S.stoppedEarly
        let report = doctor.diagnose(context)
        // Training asks before each epoch, before each later mini-batch (160 rows in 5) and between the splits.
        var asked = 0
        let verified = doctor.verify(report, context: context, seeds: 3, shouldStop: { asked += 1; return false })
        XCTAssertEqual(asked, 2 * 3 * 20 * 6, "before and after, 3 seeds, 20 epochs each: the shared fix ran once")
        XCTAssertEqual(verified.findings[0].verifications, verified.findings[1].verifications)
        let unchanged = verified.findings[2].verifications.first
        XCTAssertEqual(unchanged?.before, unchanged?.after, "a fix that changes nothing is the baseline itself")

        asked = 0
        let stopped = doctor.verify(report, context: context, shouldStop: { asked += 1; return asked > 30 })
        XCTAssertEqual(stopped.findings.flatMap(\.verifications), [], "interrupted before anything was known")
        XCTAssertEqual(asked, 31)
    }

    static let budgetKeys = ["irreducible", "too-simple", "optimisation", "wrong-labels", "variance", "sampling", "unexplained"]

    func testBudgetRowsAddUpToTheMissingAccuracy() {
        for context in [S.example1, S.example2, S.example3, S.stoppedEarly, S.hugeSteps, S.blowUp, S.fourUnits(seed: 1)] {
            let budget = ErrorBudget(context)!
            XCTAssertEqual(budget.rows.map(\.key), Self.budgetKeys)
            XCTAssertEqual(budget.rows.reduce(0) { $0 + $1.share }, 1 - budget.testAccuracy, accuracy: 1e-9)
            // Only sampling (a luckier test set) and unexplained (rows overshooting beyond chance) can be negative.
            XCTAssertTrue(budget.rows.allSatisfy { ($0.share >= 0 || ["sampling", "unexplained"].contains($0.key)) && !$0.text.isEmpty },
                          "\(budget.rows)")
        }
    }

    /// Example 1: a line on circles. The same line trained well still cannot fit the rings, so its shortfall is the
    /// model's, measured by that experiment, not what is left over.
    func testExample1BudgetChargesTheModelByExperiment() throws {
        let context = S.example1
        let budget = ErrorBudget(context)!
        let bayes = BayesError.estimate(context).value
        XCTAssertEqual(budget.trainAccuracy, 0.5375, accuracy: 1e-12)
        XCTAssertEqual(budget.testAccuracy, 0.325, accuracy: 1e-12)
        XCTAssertEqual(budget.share("irreducible"), bayes, accuracy: 1e-12)
        let well = try XCTUnwrap(WellTrained(context))
        XCTAssertLessThan(well.trainAccuracy, 0.7, "a line cannot fit rings however it is trained")
        XCTAssertEqual(budget.share("too-simple"), 1 - well.trainAccuracy - bayes, accuracy: 1e-12)
        XCTAssertEqual(budget.share("optimisation"), max(0, well.trainAccuracy - 0.5375), accuracy: 1e-12)
        let sampling = budget.rows.first { $0.key == "sampling" }!
        XCTAssertEqual(sampling.evidence.first { $0.key == "interval_low" }?.value, RunFacts(context).testInterval.low)
    }

    /// Training stopped early: the same layers trained well fit the rings, so the shortfall is optimisation, not the model.
    func testEarlyStopIsChargedToOptimisationAndAPerfectTestToNothing() {
        let early = ErrorBudget(S.stoppedEarly)!
        XCTAssertGreaterThan(early.share("optimisation"), 0.3)
        XCTAssertEqual(early.share("too-simple"), 0)
        // A perfect test set: the Bayes error still stands as measured, and this test set came out that much luckier.
        let perfect = ErrorBudget(S.example3)!
        let bayes = BayesError.estimate(S.example3).value
        XCTAssertEqual(perfect.testAccuracy, 1)
        XCTAssertEqual(perfect.rows.map(\.share), [bayes, 0, 0, 0, 0, -bayes, 0])
    }

    func testNoBudgetWithoutATestSet() {
        let context = S.context([], TrainConfig(epochs: 3), data: DataSpec(kind: .circles, test: 0))
        XCTAssertNil(ErrorBudget(context))
        XCTAssertNil(Doctor(analyzers: []).diagnose(context).budget)
    }
}

/// Fixes are typed as shown, and what they show is what the doctor runs.
final class FixCommandTests: XCTestCase {
    func testTrainShowsTheChangeFirstThenEveryOtherNonDefaultSetting() {
        let settings = TrainConfig(learningRate: 1, epochs: 30, optimizer: .sgd, seed: 3)
        let fix = Fix.train(settings) { $0.learningRate = 0.1 }
        XCTAssertEqual(fix.command, "train lr=0.1 epochs=30 optimizer=sgd seed=3")
        XCTAssertEqual(fix.change, .train(TrainConfig(learningRate: 0.1, epochs: 30, optimizer: .sgd, seed: 3), was: settings))
        XCTAssertEqual(Fix.train(TrainConfig()) { $0.l2 = 0.01 }.command, "train l2=0.01")
    }

    func testALearningRateIsRoundedToWhatTheCommandSays() {
        let fix = Fix.learningRate(TrainConfig(learningRate: 0.003), times: 0.1)
        XCTAssertEqual(fix.command, "train lr=0.0003")
        XCTAssertEqual(fix.change, .train(TrainConfig(learningRate: 0.0003), was: TrainConfig(learningRate: 0.003)))
    }

    func testContinuingIsTheLongerRunFromScratch() {
        let fix = Fix.trainLonger(TrainConfig(epochs: 500, seed: 2), by: 1500)
        XCTAssertEqual(fix.command, "train continue epochs=1500")
        XCTAssertEqual(fix.change, .trainLonger(more: 1500, whole: TrainConfig(epochs: 2000, seed: 2)))
    }

    func testModels() {
        let relu = { (units: Int) in LayerSpec(units: units, activation: .relu) }
        XCTAssertEqual(Fix.model([]).command, "model linear")
        XCTAssertEqual(Fix.biggerModel(than: []).command, "model dense16 relu")
        XCTAssertEqual(Fix.biggerModel(than: [relu(16)]).command, "model dense32 relu dense16 relu")
        XCTAssertEqual(Fix.biggerModel(than: [relu(32), relu(16)]).command, "model dense64 relu dense32 relu")
        XCTAssertEqual(Fix.leaky([relu(8), LayerSpec(units: 4, activation: .tanh)]).command, "model dense8 leaky_relu dense4 tanh")
    }

    func testDataShowsTheChangeThenTheOtherNonDefaults() {
        let spec = DataSpec(kind: .circles, noise: 0.3, scaled: false)
        let fix = Fix.data(spec) { $0.scaled = true }
        XCTAssertEqual(fix.command, "data circles scale=on noise=0.3")
        XCTAssertEqual(fix.change, .data(DataSpec(kind: .circles, noise: 0.3), was: spec))
    }
}
