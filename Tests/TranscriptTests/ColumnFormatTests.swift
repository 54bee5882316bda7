import XCTest

/// Tables as a learner sees them through the piped `nnlab`: numbers in one column share one format (issue 18).
final class ColumnFormatTests: XCTestCase {
    /// A sweep whose rows mix whole and fractional percentages and losses of different sizes:
    /// every percentage has one decimal, and the losses' decimal points line up.
    func testSweepColumnsShareOneFormat() throws {
        let out = try Executable.run(input: "data circles\nmodel dense16 relu\nsweep lr=0.001,0.01,0.1,1 epochs=20 seeds=3\n").stdout
        let rows = out.split(separator: "\n").drop { !$0.hasPrefix("lr ") }.dropFirst().prefix(4)
        XCTAssertEqual(rows.count, 4, out)
        let percents = rows.flatMap { $0.split(separator: " ").filter { $0.hasSuffix("%") } }
        XCTAssertEqual(percents.count, 12, out)
        for p in percents { XCTAssertEqual(p.split(separator: ".").last?.count, 2, "\(p) in\n\(out)") }  // "5%" after the point
        let lossPoints = rows.map { row in row.distance(from: row.startIndex, to: row.lastIndex(of: ".")!) }
        XCTAssertEqual(Set(lossPoints).count, 1, out)
    }

    /// evaluate's losses both show four significant digits, points aligned.
    func testEvaluateLossesShareOneFormat() throws {
        let out = try Executable.run(input: "data circles\nmodel dense16 relu\ntrain epochs=30\nevaluate\n").stdout
        let rows = out.split(separator: "\n").filter { ($0.hasPrefix("train ") || $0.hasPrefix("test ")) && $0.contains("/") }
        XCTAssertEqual(rows.count, 2, out)
        let losses = rows.map { $0.split(separator: " ")[3] }
        for loss in losses { XCTAssertEqual(loss.filter(\.isNumber).drop { $0 == "0" }.count, 4, "\(loss) in\n\(out)") }
        for column in [1, 4, 5] {  // accuracy, recall 0, recall 1
            XCTAssertEqual(Set(rows.map { $0.split(separator: " ")[column].split(separator: ".").count }).count, 1, out)
        }
    }
}
