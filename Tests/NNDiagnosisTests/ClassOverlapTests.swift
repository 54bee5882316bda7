import XCTest
import NNCore
@testable import NNDiagnosis

final class ClassOverlapTests: XCTestCase {
    func testOverlappingGaussiansWarnWithTheExactBayesError() throws {
        let finding = try XCTUnwrap(ClassOverlap().analyze(Scenario.context(DataSpec(kind: .gauss), epochs: 10)).first)
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.evidence[0].key, "bayes_error")
        XCTAssertEqual(finding.evidence[0].value, 0.156, accuracy: 0.002)
        XCTAssertTrue(finding.evidence[0].text.contains("known exactly"))
        XCTAssertEqual(finding.fixes.map(\.command), ["data gauss noise=0.7"])
    }

    func testModerateOverlapIsANoteAndFlipsAreCalledLabelNoise() throws {
        let finding = try XCTUnwrap(ClassOverlap().analyze(Scenario.context(DataSpec(kind: .circles, noise: 0.35, flip: 0.1), epochs: 1)).first)
        XCTAssertEqual(finding.severity, .note)
        XCTAssertEqual(finding.evidence.map(\.key), ["bayes_error", "test_accuracy", "flipped_share"])
        XCTAssertTrue(finding.evidence[2].text.contains("label noise, not overlap"))
    }

    func testLoadedDataGetsANearestNeighbourEstimate() throws {
        let gauss = DataSpec(kind: .gauss, n: 400).generate().prepared.dataset
        let finding = try XCTUnwrap(ClassOverlap().analyze(Scenario.loaded(gauss)).first)
        XCTAssertEqual(finding.evidence[0].value, 0.156, accuracy: 0.05)
        XCTAssertTrue(finding.evidence[0].text.contains("nearest neighbours"))
        XCTAssertTrue(finding.fixes.isEmpty)
        // Thin shapes loaded from a file: a fixed 15-NN would blur the spiral's arms into a few percent.
        for kind in [DataSpec.Kind.spiral, .moons, .circles] {
            XCTAssertTrue(ClassOverlap().analyze(Scenario.loaded(DataSpec(kind: kind, seed: 4).generate().prepared.dataset)).isEmpty, "\(kind)")
        }
    }

    func testQuietOnTheSeedsCirclesAndOtherCleanSets() {
        // Circles at noise 0.2 lose 0.64% to overlap: inside the sampling noise.
        for context in Scenario.healthy + [Scenario.example1] { XCTAssertTrue(ClassOverlap().analyze(context).isEmpty) }
    }
}
