import XCTest
import NNCore
@testable import NNDiagnosis

final class LinearInseparableTests: XCTestCase {
    func testExample1CirclesNeedACurve() throws {
        let finding = try XCTUnwrap(LinearInseparable().analyze(Scenario.example1).first)
        XCTAssertEqual(finding.severity, .problem)
        XCTAssertEqual(finding.headline, "a straight line cannot separate these classes")
        XCTAssertEqual(finding.evidence.map(\.key), ["separable", "best_line_train_accuracy", "feature_hint_accuracy"])
        XCTAssertLessThan(finding.evidence[1].value, 0.6)
        XCTAssertEqual(finding.evidence[2].text, "with x1²+x2² as an extra input a flat boundary separates them")
        XCTAssertEqual(finding.fixes.map(\.command), ["model dense16 relu"])
        XCTAssertEqual(finding.fixes.first?.change, .model(hidden: [LayerSpec(units: 16, activation: .relu)]))
    }

    func testXorGetsTheProductAsHint() throws {
        let finding = try XCTUnwrap(LinearInseparable().analyze(Scenario.context(DataSpec(kind: .xor), epochs: 10)).first)
        XCTAssertEqual(finding.evidence.last?.text, "with x1·x2 as an extra input a flat boundary separates them")
    }

    func testQuietWhenALineIsEnoughOrTheModelCanBend() {
        XCTAssertTrue(LinearInseparable().analyze(Scenario.blobs).isEmpty, "separable")
        XCTAssertTrue(LinearInseparable().analyze(Scenario.example3).isEmpty, "hidden layers")
        XCTAssertTrue(LinearInseparable().analyze(Scenario.moons).isEmpty, "hidden layers")
        // Two overlapping Gaussians: no line separates them, but the best line is the best classifier.
        XCTAssertTrue(LinearInseparable().analyze(Scenario.context(DataSpec(kind: .gauss), epochs: 20)).isEmpty)
        // Flipped labels make blobs inseparable without making a line the wrong model.
        XCTAssertTrue(LinearInseparable().analyze(Scenario.context(DataSpec(kind: .blobs, flip: 0.05), epochs: 20)).isEmpty)
    }

    func testTheSimplexDecidesSeparabilityExactly() {
        XCTAssertFalse(Separability.separable([0, 0, 1, 1, 0, 1, 1, 0], [0, 0, 1, 1], features: 2), "xor corners")
        XCTAssertTrue(Separability.separable([0, 0, 0, 1, 1, 0, 1, 1], [0, 0, 1, 1], features: 2))
        XCTAssertFalse(Separability.separable([0, 0, 2, 2, 1, 1], [0, 0, 1], features: 2), "a class-1 point between two class-0 points")
        XCTAssertTrue(Separability.separable([0, 0, 2, 2, 1, 1.001], [0, 0, 1], features: 2), "just off their segment")
        XCTAssertFalse(Separability.separable([0, 0, 0, 0], [0, 1], features: 2), "the same point with both labels")
        XCTAssertTrue(Separability.separable([0, 0, 0, 1, 1, 1, 0, 0, 2], [0, 0, 1], features: 3))
    }

    func testBestLineOnSeparableAndOnOverlappingData() {
        let rows = StandardRows(DataSpec(kind: .blobs).generate().prepared)
        XCTAssertEqual(Separability.bestLineAccuracy(rows.x, rows.y, features: 2), 1)
        let gauss = StandardRows(DataSpec(kind: .gauss).generate().prepared)
        XCTAssertEqual(Separability.bestLineAccuracy(gauss.x, gauss.y, features: 2), 0.84, accuracy: 0.05)
    }
}
