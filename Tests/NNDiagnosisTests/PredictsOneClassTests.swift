import XCTest
import NNCore
@testable import NNDiagnosis

final class PredictsOneClassTests: XCTestCase {
    /// `context` with its output bias set far negative and every other weight 0: class 0 for every point.
    func silenced(_ context: DiagnosisContext) -> DiagnosisContext {
        var c = context
        let count = c.run.network.parameters.count
        // The output layer's bias is the last parameter.
        c.run.network.parameters = (0..<count).map { $0 == count - 1 ? -5 : 0 }
        return c
    }

    func testOneAnswerForMixedClassesIsAProblem() throws {
        let finding = try XCTUnwrap(PredictsOneClass().analyze(silenced(Scenario.example1)).first)
        XCTAssertEqual(finding.severity, .problem)
        XCTAssertEqual(finding.headline, "the model answers class 0 for almost every point")
        XCTAssertEqual(finding.evidence.map(\.key), ["predicted_share", "train_accuracy", "majority_baseline"])
        XCTAssertEqual(finding.evidence[0].value, 1)
        XCTAssertEqual(finding.evidence[1].value, finding.evidence.first { $0.key == "train_accuracy" }!.value)
        XCTAssertEqual(finding.fixes.map(\.command), ["model dense16 relu"])
    }

    func testTheFixFollowsTheModelAndTheStepSize() {
        let fast = silenced(Scenario.context(DataSpec(kind: .circles), hidden: [LayerSpec(4, .relu)], lr: 0.5, epochs: 1))
        XCTAssertEqual(PredictsOneClass().analyze(fast).first?.fixes.map(\.command), ["train lr=0.05 epochs=1"])
        let slow = silenced(Scenario.context(DataSpec(kind: .circles), hidden: [LayerSpec(4, .relu)], lr: 0.01, epochs: 2))
        XCTAssertEqual(PredictsOneClass().analyze(slow).first?.fixes.map(\.command), ["train continue epochs=2"])
    }

    func testQuietWhenTheModelAnswersBothOrTheClassIsNearlyAll() {
        for context in Scenario.healthy + [Scenario.example1] { XCTAssertTrue(PredictsOneClass().analyze(context).isEmpty) }
        // Class 0 is 95% of the rows: answering it everywhere is nearly right, and class-imbalance says the rest.
        XCTAssertTrue(PredictsOneClass().analyze(silenced(Scenario.context(DataSpec(kind: .moons, imbalance: 0.05), epochs: 1))).isEmpty)
    }
}
