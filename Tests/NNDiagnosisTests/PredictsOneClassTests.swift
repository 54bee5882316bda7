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
        XCTAssertEqual(finding.evidence.map(\.key), ["predicted_share", "train_accuracy", "majority_baseline", "reachable_accuracy"])
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

    func testQuietWhenTheModelAnswersBothOrNothingBeatsTheCommonClass() {
        for context in Scenario.healthy + [Scenario.example1] { XCTAssertTrue(PredictsOneClass().analyze(context).isEmpty) }
        // gauss with class 1 at a twentieth: overlap leaves the best possible classifier little above always answering class 0.
        let gauss = silenced(Scenario.context(DataSpec(kind: .gauss, imbalance: 0.05), epochs: 1))
        let counts = gauss.data.dataset.counts(of: gauss.data.split.train)
        XCTAssertLessThan(1 - gauss.facts.floor - Double(counts[0]) / Double(counts[0] + counts[1]), PredictsOneClass.margin)
        XCTAssertTrue(PredictsOneClass().analyze(gauss).isEmpty)
    }

    func testOneAnswerOnARareClassIsAProblemWhenTheDataAllowMore() throws {
        // Class 0 is 95% of the rows, but moons can be told apart everywhere: one answer throws the 5% away (issue 12).
        let context = silenced(Scenario.context(DataSpec(kind: .moons, imbalance: 0.05), epochs: 1))
        let finding = try XCTUnwrap(PredictsOneClass().analyze(context).first)
        XCTAssertGreaterThan(finding.evidence[3].value, finding.evidence[2].value + PredictsOneClass.margin)
    }
}
