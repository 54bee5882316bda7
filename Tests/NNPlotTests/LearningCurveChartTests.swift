import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import NNPlot

/// The learning curve's spread over seeds is drawn, not only tabled: range bars in the terminal, a band in the SVG.
final class LearningCurveChartTests: XCTestCase {
    /// Three sizes; train spreads widely at the smallest, test at the largest, nothing spreads in the middle.
    static let figure = Plot.learningCurve(rows: [20, 40, 80], train: [0.95, 0.9, 0.88], test: [0.6, 0.7, 0.8],
                                           trainRange: [0.85...1, 0.9...0.9, 0.87...0.89], testRange: [0.58...0.62, 0.7...0.7, 0.7...0.85],
                                           seeds: 3, title: "learning curve")

    /// Plain ASCII (no colour): `:` bars for train one column left of each size, `|` for test one column right,
    /// each from its lowest to its highest seed's row, the same text every time.
    func testTerminalDrawsRangeBarsBesideEachSize() throws {
        let options = TerminalOptions(columns: 80, color: false, unicode: false)
        let text = Self.figure.terminal(options)
        XCTAssertEqual(text, Self.figure.terminal(options))
        XCTAssertTrue(text.contains(": train: min–max, 3 seeds  | test: min–max, 3 seeds"), text)
        let renderer = TerminalRenderer(Self.figure, options)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        func cell(_ c: Int, _ r: Int) -> Character { c < lines[r].count ? lines[r][c] : " " }
        func barRows(_ glyph: Character, column c: Int) -> [Int] {
            (renderer.top..<(renderer.top + renderer.height)).filter { cell(c, $0) == glyph }
        }
        // Test at 80 rows: 70% to 85%, right of the last point's column (clamped into the plot area).
        let last = min(renderer.column(80) + 1, renderer.left + renderer.width - 1)
        let span = renderer.row(0.85)...renderer.row(0.7)
        XCTAssertTrue(span.allSatisfy { "|+#".contains(cell(last, $0)) }, text)
        XCTAssertEqual(Set(barRows("|", column: last)).subtracting(span), [], text)
        XCTAssertGreaterThan(barRows("|", column: last).count, 2, text)
        // Train at 80 rows: 87% to 89%, left of the point; at 40 rows no spread, so no bar off the curve's row.
        let trainSpan = renderer.row(0.89)...renderer.row(0.87)
        XCTAssertTrue(trainSpan.allSatisfy { ":*#".contains(cell(renderer.column(80) - 1, $0)) }, text)
        XCTAssertTrue(barRows(":", column: renderer.column(80) - 1).contains(trainSpan.upperBound), text)
        XCTAssertEqual(Set(barRows(":", column: renderer.column(40) - 1)).subtracting([renderer.row(0.9)]), [], text)
        // Train at 20 rows spans 85% to 100% (the curve passes through the bar's column at the plot's left edge,
        // so count the bar's cells and the curve's together).
        let first = (renderer.top..<(renderer.top + renderer.height)).filter { ":*#".contains(cell(renderer.left, $0)) }
        XCTAssertEqual(first.first, renderer.row(1), text)
        XCTAssertEqual(first.last, renderer.row(0.85), text)
        // No bar where nothing was measured: the columns between sizes hold curves only.
        let between = renderer.column(60)
        XCTAssertTrue(barRows(":", column: between).isEmpty && barRows("|", column: between).isEmpty, text)
    }

    /// With Unicode the bars are thin (train) and thick (test) like their curves, and a range below the medians
    /// pulls the axis down to show it.
    func testUnicodeBarsAndAxisCoverTheLowestSeed() {
        let text = Self.figure.terminal(TerminalOptions())
        XCTAssertTrue(text.contains("╎ train: min–max, 3 seeds  ┃ test: min–max, 3 seeds"), text)
        XCTAssertTrue(text.contains("╎") && text.contains("┃"))
        let low = Plot.learningCurve(rows: [10, 20], train: [0.9, 0.9], test: [0.8, 0.8], trainRange: [0.9...0.9, 0.9...0.9],
                                     testRange: [0.35...0.9, 0.8...0.8], seeds: 2, title: "t")
        XCTAssertLessThanOrEqual(low.y.min, 0.35)
    }

    /// The SVG shades each band as one polygon along the highs and back along the lows, under its curve, named in a title.
    func testSVGShadesEachBandFromLowToHigh() throws {
        let svg = Self.figure.svg()
        let doc = SVGDocument(svg)
        XCTAssertTrue(doc.wellFormed)
        let renderer = SVGRenderer(Self.figure)
        let polygons = doc.all("polygon")
        XCTAssertEqual(polygons.map { $0.attributes["class"] }, ["band train", "band test"])
        for (polygon, (high, low)) in zip(polygons, [([1, 0.9, 0.89], [0.85, 0.9, 0.87]), ([0.62, 0.7, 0.85], [0.58, 0.7, 0.7])]) {
            let points = try XCTUnwrap(polygon.attributes["points"]).split(separator: " ").map { pair in
                pair.split(separator: ",").map { Double($0)! }
            }
            let xs = [20.0, 40, 80].map(renderer.px)
            XCTAssertEqual(points.map { $0[0] }, xs + xs.reversed(), accuracy: 0.01)
            XCTAssertEqual(points.map { $0[1] }, high.map(renderer.py) + low.reversed().map(renderer.py), accuracy: 0.01)
            XCTAssertEqual(polygon.attributes["fill-opacity"], "0.2")
        }
        XCTAssertTrue(doc.texts.contains("train: min–max, 3 seeds") && doc.texts.contains("test: min–max, 3 seeds"), "\(doc.texts)")
        XCTAssertTrue(doc.all("title").map(\.text).contains("test: min–max, 3 seeds"))
        // Bands behind the curves: every polygon comes before the first polyline.
        let order = doc.elements.map(\.name)
        XCTAssertLessThan(order.lastIndex(of: "polygon")!, order.firstIndex(of: "polyline")!)
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(a) vs \(b)", file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, "\(a) vs \(b)", file: file, line: line) }
}
