@testable import NNLab
import XCTest

/// Numbers in one column share one format (issue 18: "58%" beside "49.4%", "0.691" beside "0.7071").
final class TextTableTests: XCTestCase {
    func testPercentagesInAColumnShareTheirDecimals() {
        let table = TextTable.render([["", "test", "min"], ["a", "58%", "100%"], ["b", "49.4%", "97.5%"], ["c", "-", "0%"]])
        XCTAssertEqual(table, "    test     min\na  58.0%  100.0%\nb  49.4%   97.5%\nc      -    0.0%")
    }

    func testDecimalPointsLineUpInNumericColumns() {
        let table = TextTable.render([["", "loss", "n"], ["a", "0.6374", "8/40"], ["b", "0.004749", "12"], ["c", "12.35", "3"]])
        let lines = table.split(separator: "\n").dropFirst()
        let points = lines.map { line in line.distance(from: line.startIndex, to: line.firstIndex(of: ".")!) }
        XCTAssertEqual(Set(points).count, 1, table)
    }

    func testProseTablesAlignPercentagesOnlyByTheirDigits() {
        let table = TextTable.render([["  a", "58%", "x 1.5"], ["  b", "49.4%", "y 12"]], numeric: false)
        XCTAssertEqual(table, "  a  58.0%  x 1.5\n  b  49.4%  y 12")
    }

    func testTableValuesKeepFourSignificantDigits() {
        XCTAssertEqual(Text.value(0.691, trailingZeros: true), "0.6910")
        XCTAssertEqual(Text.value(0.7071, trailingZeros: true), "0.7071")
        XCTAssertEqual(Text.value(1, trailingZeros: true), "1.000")
        XCTAssertEqual(Text.value(1234.5, trailingZeros: true), "1234")
        XCTAssertEqual(Text.value(0.691), "0.691")
    }
}
