import XCTest
@testable import NNPlot

final class NumberFormatTests: XCTestCase {
    func testShortLabels() {
        let cases: [(Double, String)] = [(0.5, "0.5"), (1e-3, "1e-3"), (250, "250"), (0.0452, "0.0452"), (0, "0"),
                                         (-0.3, "-0.3"), (9.996, "10"), (123_456, "1.23e5"), (0.693147, "0.693"),
                                         (2.5e-7, "2.5e-7"), (.infinity, "inf"), (.nan, "nan")]
        for (value, text) in cases { XCTAssertEqual(NumberFormat.short(value), text, "\(value)") }
    }

    func testFixedDropsTrailingZerosAndNegativeZero() {
        XCTAssertEqual(NumberFormat.fixed(12.5, decimals: 2), "12.5")
        XCTAssertEqual(NumberFormat.fixed(-0.001, decimals: 2), "0")
        XCTAssertEqual(NumberFormat.fixed(0.05, decimals: 2), "0.05")
        XCTAssertEqual(NumberFormat.fixed(-3, decimals: 2), "-3")
    }

    func testTickLabelsHaveNoFloatNoise() {
        XCTAssertEqual(Axis.label(0.1 + 0.2), "0.3")
        XCTAssertEqual(Axis.label(3 * 0.1), "0.3")
        XCTAssertEqual(Axis.label(-2.75), "-2.75")
    }

    func testDecadesAreExact() {
        XCTAssertEqual(decade(of: 0.001), -3)
        XCTAssertEqual(decade(of: 0.00099999), -4)
        XCTAssertEqual(decade(of: 1000), 3)
        XCTAssertEqual(powerOfTen(-3), 0.001)
        XCTAssertEqual(decimalLog(1000), 3, accuracy: 1e-14)
        XCTAssertEqual(decimalLog(2), 0.30102999566398120, accuracy: 1e-15)
    }

    func testTicksIncludeBothEndsAndRoundSteps() {
        XCTAssertEqual(Axis(title: "", min: -3, max: 3).ticks(count: 6), [-3, -2, -1, 0, 1, 2, 3])
        XCTAssertEqual(Axis(title: "", min: 1, max: 500).ticks(count: 5), [1, 100, 200, 300, 400, 500])
        XCTAssertEqual(Axis(title: "", min: 0.001, max: 1, scale: .log).ticks(count: 5), [0.001, 0.01, 0.1, 1])
        XCTAssertEqual(Axis(title: "", min: 0.1, max: 1, scale: .log).ticks(count: 5), [0.1, 0.2, 0.5, 1])
    }

    func testCoveringAxisPadsAndRounds() {
        let axis = Axis.covering([-2.4, 2.5], title: "x1")
        XCTAssertLessThan(axis.min, -2.4 - 0.2)
        XCTAssertGreaterThan(axis.max, 2.5 + 0.2)
        XCTAssertEqual(axis.min, -3)
        XCTAssertEqual(axis.max, 3)
        XCTAssertEqual(Axis.covering([], title: "x").min, -1.5)  // no points: a unit range around 0, padded
    }
}
