import XCTest
import NNCore
@testable import NNDiagnosis

final class UnscaledFeaturesTests: XCTestCase {
    /// Moons with x2 in hundreds (and shifted by `offset`): what a CSV of mixed units looks like.
    func stretched(by factor: Double = 100, offset: Double = 0) -> Dataset {
        var d = DataSpec(kind: .moons).generate().prepared.dataset
        for i in 0..<d.count { d.x[2 * i + 1] = d.x[2 * i + 1] * factor + offset }
        return d
    }

    func testRawInputsOnDifferentScalesWarn() throws {
        let finding = try XCTUnwrap(UnscaledFeatures().analyze(Scenario.loaded(stretched(), scaled: false)).first)
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.evidence.map(\.key), ["scale_ratio"])
        XCTAssertGreaterThan(finding.evidence[0].value, 50)
        XCTAssertTrue(finding.evidence[0].text.hasPrefix("x2 spreads"))
        XCTAssertEqual(finding.fixes, [Fix(.scaleLoadedData)])
    }

    func testAnInputFarFromZeroWarns() throws {
        let finding = try XCTUnwrap(UnscaledFeatures().analyze(Scenario.loaded(stretched(by: 1, offset: 40), scaled: false)).first)
        XCTAssertEqual(finding.evidence.map(\.key), ["mean_offset"])
    }

    func testGeneratedDataGetsItsDataCommandBack() throws {
        var context = Scenario.context(DataSpec(kind: .moons, seed: 7, scaled: false), epochs: 1)
        context.data = PreparedData(dataset: stretched(), split: context.data.split, scaled: false)
        let finding = try XCTUnwrap(UnscaledFeatures().analyze(context).first)
        XCTAssertEqual(finding.fixes.map(\.command), ["data moons scale=on seed=7"])
        XCTAssertEqual(finding.fixes.first?.change, .data(DataSpec(kind: .moons, seed: 7), was: DataSpec(kind: .moons, seed: 7, scaled: false)))
    }

    func testQuietWhenScaledOrAlreadyComparable() {
        XCTAssertTrue(UnscaledFeatures().analyze(Scenario.loaded(stretched(), scaled: true)).isEmpty)
        // The built-in sets are already on one scale, so `scale=off` alone changes nothing worth a warning.
        XCTAssertTrue(UnscaledFeatures().analyze(Scenario.context(DataSpec(kind: .circles, scaled: false), epochs: 1)).isEmpty)
        for context in Scenario.healthy { XCTAssertTrue(UnscaledFeatures().analyze(context).isEmpty) }
    }
}
