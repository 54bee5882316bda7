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

    /// `dataset` with a third column holding `value` on every row.
    func withConstant(_ d: Dataset, _ value: Double) -> Dataset {
        var x: [Double] = []
        for i in 0..<d.count { x += [d.x[2 * i], d.x[2 * i + 1], value] }
        return Dataset(x: x, y: d.y, features: 3)
    }

    /// A constant column has no spread: the scaler's stand-in spread of 1 made 7 "7 standard deviations away from
    /// 0", and 3.7 (whose mean over the rows rounds off it) a spread of 1e-16 and an offset of 1e16 (issue 12).
    func testAConstantColumnIsANoteThatItCarriesNothingNotAScaleProblem() throws {
        for value in [7.0, 3.7, 0.1, -250] {
            let findings = UnscaledFeatures().analyze(Scenario.loaded(withConstant(stretched(by: 1), value), scaled: false))
            XCTAssertEqual(findings.map(\.severity), [.note], "\(value)")
            XCTAssertEqual(findings.first?.evidence.map(\.key), ["constant_columns"])
            XCTAssertTrue(findings.first?.headline.hasPrefix("x3 has one value on every training row") == true)
            XCTAssertTrue(findings.first?.evidence.first?.text.hasPrefix("x3 is \(Format.number(value)) on all") == true,
                          findings.first?.evidence.first?.text ?? "")
            XCTAssertFalse(UnscaledFeatures.applies(Scenario.loaded(withConstant(stretched(by: 1), value), scaled: false)))
        }
        // Beside columns that do differ in scale: the warning compares those, and the constant is said apart.
        let both = UnscaledFeatures().analyze(Scenario.loaded(withConstant(stretched(), 7), scaled: false))
        XCTAssertEqual(both.map(\.severity), [.warning, .note])
        XCTAssertEqual(both[0].evidence.map(\.key), ["scale_ratio"])
        XCTAssertTrue(both[0].evidence[0].text.hasPrefix("x2 spreads"))
        XCTAssertLessThan(both[0].evidence[0].value, 1000)
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
