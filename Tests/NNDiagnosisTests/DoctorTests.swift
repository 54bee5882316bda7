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
            finding("needs-a-hidden-layer", .problem, [Fix(command: "explain underfitting", change: .none), hiddenLayer]),
            finding("only-a-warning", .warning, [hiddenLayer]),
            finding("advice-only", .problem, [Fix(command: "explain overfitting", change: .none)]),
        ])])
        let report = doctor.verify(doctor.diagnose(S.example1), context: S.example1)
        let verification = report.findings[0].verification
        XCTAssertEqual(verification?.command, "model dense16 relu", "the first runnable fix")
        XCTAssertEqual(verification?.seeds, 5)
        XCTAssertLessThanOrEqual(verification?.before ?? 1, 0.6, "a line: median of seeds 0–4")
        XCTAssertGreaterThanOrEqual(verification?.after ?? 0, 0.95, "16 ReLU units: median of seeds 0–4")
        XCTAssertNil(report.findings[1].verification, "advice only: nothing to run")
        XCTAssertNil(report.findings[2].verification, "warnings are not verified")
        XCTAssertEqual(report.findings.map(\.id), ["needs-a-hidden-layer", "advice-only", "only-a-warning"])
    }

    func testVerifyRunsAnExperimentOnceAndStopsWhenAsked() {
        let narrower = Fix.model([LayerSpec(units: 8, activation: .relu)])
        let doctor = Doctor(analyzers: [Canned(findings: [
            finding("one", .problem, [narrower]), finding("two", .problem, [narrower]),
            finding("same-as-now", .problem, [hiddenLayer]),
        ])])
        let context = S.stoppedEarly
        let report = doctor.diagnose(context)
        var epochs = 0
        let verified = doctor.verify(report, context: context, seeds: 3, shouldStop: { epochs += 1; return false })
        XCTAssertEqual(epochs, 2 * 3 * 20, "before and after, 3 seeds, 20 epochs each: the shared fix ran once")
        XCTAssertEqual(verified.findings[0].verification, verified.findings[1].verification)
        let unchanged = verified.findings[2].verification
        XCTAssertEqual(unchanged?.before, unchanged?.after, "a fix that changes nothing is the baseline itself")

        var asked = 0
        let stopped = doctor.verify(report, context: context, shouldStop: { asked += 1; return asked > 30 })
        XCTAssertEqual(stopped.findings.compactMap(\.verification), [], "interrupted before anything was known")
        XCTAssertEqual(asked, 31)
    }

    func testBudgetSharesAddUpToTheMissingAccuracy() {
        for context in [S.example1, S.example2, S.example3, S.stoppedEarly, S.hugeSteps, S.blowUp, S.fourUnits(seed: 1)] {
            let budget = ErrorBudget(context)!
            XCTAssertEqual(budget.shares.map(\.key), ["irreducible", "too-simple", "not-finished", "gap", "sampling"])
            XCTAssertEqual(budget.shares.reduce(0) { $0 + $1.share }, 1 - budget.testAccuracy, accuracy: 1e-9)
            XCTAssertTrue(budget.shares.allSatisfy { $0.share >= 0 && !$0.evidence.isEmpty }, "\(budget.shares)")
        }
    }

    func testExample1BudgetChargesTheModel() {
        let context = S.example1
        let budget = ErrorBudget(context)!
        let bayes = BayesError.estimate(context).value
        let share = Dictionary(uniqueKeysWithValues: budget.shares.map { ($0.key, $0.share) })
        XCTAssertEqual(budget.trainAccuracy, 0.5375, accuracy: 1e-12)
        XCTAssertEqual(budget.testAccuracy, 0.325, accuracy: 1e-12)
        XCTAssertEqual(share["irreducible"]!, bayes, accuracy: 1e-12)
        XCTAssertEqual(share["too-simple"]!, 1 - 0.5375 - bayes, accuracy: 1e-12, "the loss is flat: the line is to blame")
        XCTAssertEqual(share["not-finished"], 0)
        XCTAssertEqual(share["sampling"]!, RunStatistics.shortfallMargin(accuracy: 0.325, n: 40), accuracy: 1e-12)
        XCTAssertEqual(share["gap"]!, RunFacts(context).gapBeyondChance, accuracy: 1e-12)
    }

    func testEarlyStopIsChargedToTrainingAndAPerfectTestToNothing() {
        let early = Dictionary(uniqueKeysWithValues: ErrorBudget(S.stoppedEarly)!.shares.map { ($0.key, $0.share) })
        XCTAssertGreaterThan(early["not-finished"]!, 0.3)
        XCTAssertEqual(early["too-simple"], 0)
        let perfect = ErrorBudget(S.example3)!
        XCTAssertEqual(perfect.testAccuracy, 1)
        XCTAssertEqual(perfect.shares.map(\.share), [0, 0, 0, 0, 0])
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
        XCTAssertEqual(fix.change, .train(TrainConfig(learningRate: 0.1, epochs: 30, optimizer: .sgd, seed: 3)))
        XCTAssertEqual(Fix.train(TrainConfig()) { $0.l2 = 0.01 }.command, "train l2=0.01")
    }

    func testALearningRateIsRoundedToWhatTheCommandSays() {
        let fix = Fix.learningRate(TrainConfig(learningRate: 0.003), times: 0.1)
        XCTAssertEqual(fix.command, "train lr=0.0003")
        XCTAssertEqual(fix.change, .train(TrainConfig(learningRate: 0.0003)))
    }

    func testContinuingIsTheLongerRunFromScratch() {
        let fix = Fix.trainLonger(TrainConfig(epochs: 500, seed: 2), by: 1500)
        XCTAssertEqual(fix.command, "train continue epochs=1500")
        XCTAssertEqual(fix.change, .train(TrainConfig(epochs: 2000, seed: 2)))
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
        XCTAssertEqual(fix.change, .data(DataSpec(kind: .circles, noise: 0.3)))
    }
}
