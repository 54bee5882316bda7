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
        XCTAssertEqual(finding.fixes.map(\.command), ["features x1 x2 x1^2 x2^2", "model dense16 relu"])
        XCTAssertEqual(finding.fixes.first?.change, .features([.column(0), .column(1), .square(0), .square(1)]),
                       "the inputs a line needs to draw x1²+x2², which the exact test found")
        XCTAssertEqual(finding.fixes.last?.change, .model(hidden: [LayerSpec(units: 16, activation: .relu)]))
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
        XCTAssertEqual(false, Separability.separable([0, 0, 1, 1, 0, 1, 1, 0], [0, 0, 1, 1], features: 2), "xor corners")
        XCTAssertEqual(true, Separability.separable([0, 0, 0, 1, 1, 0, 1, 1], [0, 0, 1, 1], features: 2))
        XCTAssertEqual(false, Separability.separable([0, 0, 2, 2, 1, 1], [0, 0, 1], features: 2), "a class-1 point between two class-0 points")
        XCTAssertEqual(true, Separability.separable([0, 0, 2, 2, 1, 1.001], [0, 0, 1], features: 2), "just off their segment")
        XCTAssertEqual(false, Separability.separable([0, 0, 0, 0], [0, 1], features: 2), "the same point with both labels")
        XCTAssertEqual(true, Separability.separable([0, 0, 0, 1, 1, 1, 0, 0, 2], [0, 0, 1], features: 3))
    }

    /// The exact test has a cap on its steps (the simplex method can cycle in rounding noise, as it did on a 64-unit
    /// layer after l2): reached, the answer is "not tested", never "separable" or "not separable", and the finding
    /// says so, as a warning backed by the best line alone.
    func testTheCapGivesNotTestedAndTheFindingSaysSo() throws {
        let rows = StandardRows(DataSpec(kind: .circles).generate().prepared)
        XCTAssertEqual(Separability.separable(rows.x, rows.y, features: 2), false)
        XCTAssertNil(Separability.separable(rows.x, rows.y, features: 2, maxPivots: 3))
        XCTAssertEqual(Separability.pivotCap(features: 2, points: rows.count), 100 * (4 + rows.count))
        let finding = try XCTUnwrap(LinearInseparable(maxPivots: 3).analyze(Scenario.example1).first)
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertTrue(finding.headline.hasPrefix("the best straight line gets only "), finding.headline)
        XCTAssertTrue(finding.headline.hasSuffix("(exact test not finished)"), finding.headline)
        XCTAssertEqual(finding.evidence.first?.key, "separable_tested")
        XCTAssertEqual(finding.evidence.first?.isFlag, true)
        XCTAssertTrue(finding.evidence.first?.text.hasPrefix("not tested: the exact test gave up after 3 steps") == true)
        XCTAssertFalse(finding.evidence.contains { $0.key == "separable" }, "no claim the test did not make")
        // Separable data stays quiet only when the test says so: with the cap hit, blobs fit by a line give no finding
        // because the best line is then enough.
        XCTAssertTrue(LinearInseparable(maxPivots: 3).analyze(Scenario.blobs).isEmpty)
    }

    func testBestLineOnSeparableAndOnOverlappingData() {
        let rows = StandardRows(DataSpec(kind: .blobs).generate().prepared)
        XCTAssertEqual(Separability.bestLineAccuracy(rows.x, rows.y, features: 2), 1)
        let gauss = StandardRows(DataSpec(kind: .gauss).generate().prepared)
        XCTAssertEqual(Separability.bestLineAccuracy(gauss.x, gauss.y, features: 2), 0.84, accuracy: 0.05)
    }
}
