import XCTest
@testable import NNPlot

final class TerminalTests: XCTestCase {
    let escape: Character = "\u{1B}"

    /// Visible text: ANSI SGR sequences removed.
    func visible(_ s: String) -> String {
        var out = "", inEscape = false
        for c in s {
            if c == escape { inEscape = true } else if inEscape { if c == "m" { inEscape = false } } else { out.append(c) }
        }
        return out
    }

    var figures: [Figure] {
        [Fixtures.circlesMap, Plot.data(points: Fixtures.circlePoints(), title: "circles"),
         Plot.loss(history: Fixtures.history(), title: "loss")]
    }

    func testFitsTheColumnsWithoutTrailingSpaces() {
        for figure in figures {
            for columns in [80, 120] {
                for color in [false, true] {
                    let lines = visible(figure.terminal(TerminalOptions(columns: columns, color: color))).split(separator: "\n", omittingEmptySubsequences: false)
                    XCTAssertGreaterThan(lines.count, 15)
                    for line in lines {
                        XCTAssertLessThanOrEqual(line.count, columns, "\(figure.title) at \(columns): \(line)")
                        if !color { XCTAssertFalse(line.hasSuffix(" "), "trailing space: [\(line)]") }
                    }
                }
            }
        }
    }

    func testMapRowsStayWithinAScreen() {
        let lines = Fixtures.circlesMap.terminal(TerminalOptions(columns: 200)).split(separator: "\n")
        XCTAssertLessThanOrEqual(lines.filter { $0.contains("│") }.count, 24)
    }

    func testColourOnlyWhenAsked() {
        for figure in figures {
            XCTAssertFalse(figure.terminal(TerminalOptions(color: false)).contains(escape))
            let coloured = figure.terminal(TerminalOptions(color: true))
            XCTAssertTrue(coloured.contains("\u{1B}[0;"))
            // The same plot; the legend may take more lines in colour, where it explains the shades.
            XCTAssertEqual(visible(coloured).split(separator: "\n").filter { $0.contains("│") }.count,
                           figure.terminal(TerminalOptions()).split(separator: "\n").filter { $0.contains("│") }.count)
        }
        XCTAssertTrue(Fixtures.circlesMap.terminal(TerminalOptions(color: true)).contains("▀"))  // half blocks
    }

    func testSameOutputEveryRun() {
        for figure in figures {
            for options in [TerminalOptions(), TerminalOptions(columns: 120, color: true), TerminalOptions(unicode: false)] {
                XCTAssertEqual(figure.terminal(options), figure.terminal(options))
            }
        }
        XCTAssertEqual(Fixtures.circlesMap, Fixtures.circlesMap)
    }

    func testASCIIModeIsASCII() {
        for figure in figures {
            XCTAssertTrue(figure.terminal(TerminalOptions(unicode: false)).unicodeScalars.allSatisfy(\.isASCII))
        }
    }

    /// Without colour a misclassified point keeps its class (c for a 0, y for a 1) and split (capitals for test).
    func testPointGlyphsAndLegend() {
        var points = [PlotPoint(index: 0, x: -1, y: 0, label: 0, isTest: false),
                      PlotPoint(index: 1, x: 1, y: 0, label: 1, isTest: false),
                      PlotPoint(index: 2, x: -1, y: 1, label: 0, isTest: true),
                      PlotPoint(index: 3, x: 1, y: 1, label: 1, isTest: true),
                      PlotPoint(index: 4, x: 0, y: -1, label: 1, isTest: false, wrong: true),
                      PlotPoint(index: 5, x: 0, y: 1, label: 0, isTest: false, highlighted: true),
                      PlotPoint(index: 6, x: -1, y: -1, label: 0, isTest: true, wrong: true),
                      PlotPoint(index: 7, x: 1, y: -1, label: 0, isTest: false, wrong: true),
                      PlotPoint(index: 8, x: 0.5, y: 0.5, label: 1, isTest: true, wrong: true)]
        let text = Plot.data(points: points, title: "nine").terminal(TerminalOptions())
        let plot = text.split(separator: "\n").filter { $0.contains("│") }.joined()
        for glyph in ["o", "x", "O", "X", "c", "y", "C", "Y", "@"] { XCTAssertTrue(plot.contains(glyph), "no \(glyph) in the plot") }
        XCTAssertFalse(plot.contains("!"))
        XCTAssertTrue(text.contains("o class 0  x class 1  O X test points  c y C Y misclassified (4)"), text)
        XCTAssertTrue(text.contains("@ highlighted (1)"))
        // A marked point wins a shared cell, whichever order the points come in.
        points[4].x = -1; points[4].y = 0
        points.swapAt(0, 4)
        let crowded = Plot.data(points: points, title: "nine").terminal(TerminalOptions())
        XCTAssertTrue(crowded.split(separator: "\n").filter { $0.contains("│") }.joined().contains("y"))
        // Without test points the legend shows only the train glyphs.
        let trainOnly = Plot.data(points: points.filter { !$0.isTest }, title: "train").terminal(TerminalOptions())
        XCTAssertTrue(trainOnly.contains("  c y misclassified (2)"), trainOnly)
    }

    /// In colour each class's region has a deep (sure) and a pale (unsure) shade; the legend says which is which.
    func testRegionLegendSaysWhatTheShadesMean() {
        // At 80 columns the words fit whole beside their swatch.
        let at80 = visible(Fixtures.circlesMap.terminal(TerminalOptions(color: true)))
        XCTAssertTrue(at80.contains("model predicts 1: deep = sure, P(class 1) > 0.8; pale = unsure, 0.5 to 0.8"), at80)
        let coloured = visible(Fixtures.circlesMap.terminal(TerminalOptions(columns: 120, color: true)))
        XCTAssertTrue(coloured.contains("model predicts 0: deep = sure, P(class 1) < 0.2; pale = unsure, 0.2 to 0.5"), coloured)
        XCTAssertTrue(coloured.contains("model predicts 1: deep = sure, P(class 1) > 0.8; pale = unsure, 0.5 to 0.8"), coloured)
        // Plain text has one mark a class and no shades to explain.
        let plain = Fixtures.circlesMap.terminal(TerminalOptions())
        XCTAssertTrue(plain.contains("· model predicts 0  (blank) model predicts 1"), plain)
        XCTAssertFalse(plain.contains("deep"))
    }

    /// Map ticks are round and evenly spaced, ends included only when they are on the same grid.
    func testTicksAreEvenlySpaced() {
        for figure in figures + [Plot.data(points: Fixtures.circlePoints().map { var p = $0; p.x *= 2.1; return p }, title: "wide")] {
            for columns in [40, 80, 120] {
                let text = figure.terminal(TerminalOptions(columns: columns))
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                guard let axis = lines.firstIndex(where: { $0.contains("└") }) else { continue }
                let values = lines[axis + 1].split(separator: " ").compactMap { Double($0) }
                let gaps = zip(values, values.dropFirst()).map { $1 - $0 }
                guard figure.equalAspect else { continue }  // epochs start at 1: "1 10 20" is kept
                XCTAssertGreaterThanOrEqual(values.count, 2, text)
                for gap in gaps { XCTAssertEqual(gap, gaps[0], accuracy: 1e-9 * abs(gaps[0]), text) }
            }
        }
        XCTAssertEqual(Axis(title: "", min: -3, max: 3).fittingTicks(count: 3) { $0.count <= 5 }.sorted(), [-2, -1, 0, 1, 2])
        XCTAssertEqual(Axis(title: "", min: -6, max: 6).ticks(count: 3), [-6, -4, -2, 0, 2, 4, 6])
    }

    /// With p = [x > 0], every plot row is `·` on the left half and blank (class 1) on the right.
    func testClassOneRegionOnTheRight() {
        let points = [PlotPoint(index: 0, x: -2, y: -2, label: 0, isTest: false), PlotPoint(index: 1, x: 2, y: 2, label: 1, isTest: false)]
        let figure = Plot.boundary(points: points, probability: { xy in stride(from: 0, to: xy.count, by: 2).map { xy[$0] > 0 ? 1 : 0 } },
                                   title: "half")
        let rows = figure.terminal(TerminalOptions()).split(separator: "\n").filter { $0.hasSuffix("│") && $0.contains("·") }
        XCTAssertGreaterThan(rows.count, 15)
        for row in rows {
            let inside = Array(row.dropLast())  // drop the right frame
            let frame = inside.lastIndex { $0 == "│" || $0 == "┤" }!
            let cells = inside[(frame + 1)...]
            let half = cells.count / 2
            XCTAssertEqual(cells.prefix(half).filter { $0 == "·" }.count, half - cells.prefix(half).filter { $0 == "o" || $0 == "x" }.count, String(row))
            XCTAssertFalse(cells.suffix(cells.count - half - 1).contains("·"), String(row))
        }
        XCTAssertEqual(figure.regions?.value(fx: 0.9, fy: 0.5), 1)
        XCTAssertEqual(figure.regions?.value(fx: 0.1, fy: 0.5), 0)
    }

    func testCirclesLookRound() {
        // Equal data ranges: twice as many columns as rows, since a cell is about twice as tall as wide.
        let rows = Fixtures.circlesMap.terminal(TerminalOptions()).split(separator: "\n").filter { $0.hasSuffix("│") }
        let width = rows[0].count - rows[0].firstIndex { $0 == "│" || $0 == "┤" }.map { rows[0].distance(from: rows[0].startIndex, to: $0) }! - 2
        XCTAssertEqual(Double(width) / Double(rows.count), 2, accuracy: 0.1)
    }

    func testAxesAreLabelled() {
        let text = Fixtures.circlesMap.terminal(TerminalOptions())
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("x2"))
        XCTAssertTrue(lines.contains { $0.contains("-3") && $0.hasSuffix("x1") })  // x tick labels, title last
        XCTAssertTrue(lines.contains { $0.hasPrefix(" 3 ┤") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("-3 ┤") })
        XCTAssertTrue(text.contains("· model predicts 0"))
        XCTAssertTrue(text.contains("(blank) model predicts 1"))
    }
}
