import XCTest
import NNCore
@testable import NNDiagnosis

final class ClassImbalanceTests: XCTestCase {
    static let rare = DataSpec(kind: .circles, imbalance: 0.1)

    func testALineThatIgnoresTheRareClassIsAProblem() throws {
        let finding = try XCTUnwrap(ClassImbalance().analyze(Scenario.context(Self.rare, epochs: 50)).first)
        XCTAssertEqual(finding.severity, .problem)
        XCTAssertEqual(finding.evidence.map(\.key), ["minority_share", "majority_baseline", "train_accuracy", "minority_recall"])
        XCTAssertLessThan(finding.evidence[3].value, ClassImbalance.poorRecall)
        XCTAssertEqual(finding.evidence[1].value, 79.0 / 88, accuracy: 1e-12, "class 0's share of the training rows")
        XCTAssertEqual(finding.fixes.map(\.command), ["train class_weight=balanced lr=0.01 epochs=50", "data circles imbalance=1"],
                       "weighting the classes, which works on any data, comes first")
    }

    func testAModelThatFindsTheRareClassGetsAWarning() throws {
        let context = Scenario.context(Self.rare, hidden: [LayerSpec(16, .relu)], lr: 0.01, epochs: 100)
        let finding = try XCTUnwrap(ClassImbalance().analyze(context).first)
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertGreaterThanOrEqual(finding.evidence[3].value, ClassImbalance.poorRecall)
    }

    func testQuietOnBalancedOrMildlyImbalancedData() {
        for context in Scenario.healthy + [Scenario.example1] { XCTAssertTrue(ClassImbalance().analyze(context).isEmpty) }
        // 1:2 leaves class 1 a third of the rows.
        XCTAssertTrue(ClassImbalance().analyze(Scenario.context(DataSpec(kind: .moons, imbalance: 0.5), epochs: 1)).isEmpty)
    }
}
