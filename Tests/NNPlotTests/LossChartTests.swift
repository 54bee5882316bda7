import XCTest
import NNCore
@testable import NNPlot

final class LossChartTests: XCTestCase {
    func testWideRangeGoesLogAndNarrowStaysLinear() {
        let wide = Plot.loss(history: Fixtures.history(factor: 0.8), title: "loss")  // 0.7 down to ~1e-4
        XCTAssertEqual(wide.y.scale, .log)
        XCTAssertEqual(wide.y.min, 1e-4)
        XCTAssertEqual(wide.y.max, 1)
        XCTAssertTrue(wide.terminal(TerminalOptions()).hasPrefix("loss (log scale)"))
        XCTAssertTrue(wide.terminal(TerminalOptions()).contains("\n1e-4 ┤"))

        let narrow = Plot.loss(history: Fixtures.history(factor: 0.99), title: "loss")  // 0.7 down to ~0.55
        XCTAssertEqual(narrow.y.scale, .linear)
        XCTAssertEqual(narrow.y.min, 0)
        XCTAssertFalse(narrow.terminal(TerminalOptions()).contains("log scale"))
    }

    /// Chance (log 2 = 0.693, a model that always says 0.5) is a labelled level line, in reach of the axis
    /// even when every loss is far below it.
    func testChanceLossIsALabelledLine() {
        for factor in [0.99, 0.8, 0.5] {
            let figure = Plot.loss(history: Fixtures.history(start: 0.3, factor: factor), title: "loss")
            XCTAssertGreaterThanOrEqual(figure.y.max, 0.6931471805599453)
            let text = figure.terminal(TerminalOptions())
            XCTAssertTrue(text.contains("┄┄ chance: loss 0.693 (log 2, a coin flip)"), text)
            XCTAssertGreaterThan(plotRows(text).filter { $0.filter { $0 == "┄" }.count > 10 }.count, 0, text)
            XCTAssertTrue(figure.terminal(TerminalOptions(unicode: false)).contains("-- chance: loss 0.693"))
        }
    }

    /// Where train and test pass through the same cells, the thin train line is drawn over the thick test
    /// line (at lr=8 the test blocks hid it entirely); in colour the shared cell sits on the test colour.
    func testTrainLineStaysVisibleWhereTheCurvesShareCells() {
        let same = History(records: (1...60).map { e in
            let loss = e % 2 == 0 ? 0.9 : 0.5  // both lines swing over the same rows every epoch
            return EpochRecord(epoch: e, trainLoss: loss, trainAccuracy: 0.5, testLoss: loss, testAccuracy: 0.5,
                               gradientNorm: 1, deadFraction: 0)
        })
        let figure = Plot.loss(history: same, title: "loss")
        let grid = plotRows(figure.terminal(TerminalOptions()))
        let cells = grid.joined()
        XCTAssertGreaterThan(cells.filter(Self.isBraille).count, 60)
        XCTAssertFalse(cells.contains(where: Self.isHalfBlock))
        let coloured = figure.terminal(TerminalOptions(color: true))
        XCTAssertTrue(coloured.contains("38;5;\(Palette.series(.train).ansi);48;5;\(Palette.series(.test).ansi)"), coloured)
    }

    func testBestTestEpochIsMarked() {
        let figure = Plot.loss(history: Fixtures.history(epochs: 40, bestEpoch: 10), title: "loss")
        XCTAssertEqual(figure.marker?.x, 10)
        let text = figure.terminal(TerminalOptions())
        XCTAssertTrue(text.contains("┊ best test loss 0.162 at epoch 10"), text)
        // The marker line sits in one column, a quarter of the way along (epoch 10 of 1...40).
        let plotRows = text.split(separator: "\n").filter { $0.contains("┤") || $0.contains("│") }
        func offset(_ row: Substring, _ c: Character) -> Int? { row.firstIndex(of: c).map { row.distance(from: row.startIndex, to: $0) } }
        let columns = Set(plotRows.compactMap { offset($0, "┊") })
        XCTAssertEqual(columns.count, 1)
        let axis = offset(plotRows[0], "┤")!
        let fraction = Double(columns.first! - axis) / Double(80 - axis)
        XCTAssertEqual(fraction, 9.0 / 39, accuracy: 0.03)
    }

    /// The plot area's rows as cells: what lies right of the y axis (`┤` or `│`; `+` or `|` in ASCII).
    func plotRows(_ text: String, ascii: Bool = false) -> [[Character]] {
        let axis: Set<Character> = ascii ? ["+", "|"] : ["┤", "│"]
        return text.split(separator: "\n").compactMap { line in
            let chars = Array(line)
            guard let a = chars.firstIndex(where: axis.contains), chars[..<a].allSatisfy({ " 0123456789.-e".contains($0) }) else { return nil }
            let rest = Array(chars[(a + 1)...])
            return rest.contains("-") ? nil : rest  // the ASCII x axis
        }
    }

    static func isBraille(_ c: Character) -> Bool { c.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }
    static func isHalfBlock(_ c: Character) -> Bool { "▀▄█".contains(c) }

    /// Rows (0 at the top) where a curve's glyph stands in column `c`.
    func rows(in grid: [[Character]], column c: Int, where test: (Character) -> Bool) -> [Int] {
        grid.indices.filter { c < grid[$0].count && test(grid[$0][c]) }
    }

    func testChartIsTallAt80Columns() {
        let text = Plot.loss(history: Fixtures.history(), title: "loss").terminal(TerminalOptions())
        let grid = plotRows(text)
        XCTAssertEqual(grid.count, 16, text)
        XCTAssertLessThanOrEqual(text.split(separator: "\n").count, 22)  // with header, axis, labels, title and legend
    }

    /// Without colour the curves still differ: train a thin line of Braille dots, test a thick line of half blocks.
    func testBothCurvesVisibleWithoutColour() {
        let text = Plot.loss(history: Fixtures.history(), title: "loss").terminal(TerminalOptions())
        XCTAssertFalse(text.contains("\u{1B}"))
        let cells = plotRows(text).joined()
        XCTAssertGreaterThan(cells.filter(Self.isBraille).count, 20, text)
        XCTAssertGreaterThan(cells.filter(Self.isHalfBlock).count, 20, text)
        XCTAssertTrue(text.contains("⠤⠤ train loss  ▄▄ test loss  ┊ best test loss"), text)
        XCTAssertFalse(text.contains("both"))
    }

    func testColourTellsTheCurvesApart() {
        let text = Plot.loss(history: Fixtures.history(), title: "loss").terminal(TerminalOptions(color: true))
        XCTAssertTrue(text.contains("38;5;\(Palette.series(.train).ansi)m⠤⠤"), text)
        XCTAssertTrue(text.contains("38;5;\(Palette.series(.test).ansi)m▄▄"), text)
    }

    func testASCIIKeepsOneGlyphPerCurveAndMarksOverlap() {
        let text = Plot.loss(history: Fixtures.history(), title: "loss").terminal(TerminalOptions(unicode: false))
        let cells = plotRows(text, ascii: true).joined()
        XCTAssertTrue(cells.contains("*"))
        XCTAssertTrue(cells.contains("+"))
        XCTAssertTrue(cells.contains("#"))  // the curves coincide until the best epoch
        XCTAssertTrue(text.contains("* train loss  + test loss  # both  : best test loss"), text)
    }

    /// Overfitting reads at a glance: after the best epoch the test line climbs while the train line keeps falling.
    func testOverfittingShowsTestRisingAndTrainFalling() {
        let history = Fixtures.history(epochs: 100, factor: 0.95, bestEpoch: 20, rise: 0.05)
        let text = Plot.loss(history: history, title: "loss").terminal(TerminalOptions())
        let grid = plotRows(text)
        let width = grid.map(\.count).max()!
        // Until the best epoch the curves coincide and the train dots are drawn over the test blocks.
        let best = rows(in: grid, column: width * 19 / 99, where: { Self.isHalfBlock($0) || Self.isBraille($0) }).min()!
        let end = rows(in: grid, column: width - 1, where: Self.isHalfBlock).min()!
        XCTAssertLessThan(end, best - 2, text)  // test loss at the end stands rows above its lowest point
        let trainMiddle = rows(in: grid, column: width / 2, where: Self.isBraille).max()!
        let trainEnd = rows(in: grid, column: width - 1, where: Self.isBraille).max()!
        XCTAssertGreaterThan(trainEnd, trainMiddle + 2, text)
    }

    /// On a log axis a loss shrinking by the same factor every epoch is a straight line.
    func testLogScaleDrawsGeometricDecayStraight() {
        let figure = Plot.loss(history: Fixtures.history(epochs: 100, factor: 0.92, bestEpoch: 100), title: "loss")
        XCTAssertEqual(figure.y.scale, .log)
        let grid = plotRows(figure.terminal(TerminalOptions()))
        let width = grid.map(\.count).max()!
        let quarters = [1, 2, 3].map { q in rows(in: grid, column: width * q / 4, where: { Self.isBraille($0) || Self.isHalfBlock($0) }).min()! }
        XCTAssertGreaterThan(quarters[1], quarters[0])
        XCTAssertEqual(Double(quarters[1] - quarters[0]), Double(quarters[2] - quarters[1]), accuracy: 1)
    }

    func testNoTestSplitMeansNoTestCurveAndNoMarker() {
        var history = Fixtures.history()
        for i in history.records.indices { history.records[i].testLoss = 0; history.records[i].testAccuracy = 0 }
        let figure = Plot.loss(history: history, title: "loss")
        XCTAssertEqual(figure.series.map(\.role), [.train])
        XCTAssertNil(figure.marker)
        XCTAssertFalse(figure.terminal(TerminalOptions()).contains("test"))
    }

    func testSingleEpochStillDraws() {
        let figure = Plot.loss(history: History(records: [Fixtures.history().records[0]]), title: "loss")
        XCTAssertEqual(figure.x.min, 0)
        XCTAssertEqual(figure.x.max, 2)
        XCTAssertTrue(figure.terminal(TerminalOptions()).contains("at epoch 1"))
    }

    func testEmptyHistoryStillDraws() {
        let figure = Plot.loss(history: History(), title: "loss")
        XCTAssertNil(figure.marker)
        XCTAssertFalse(figure.terminal(TerminalOptions()).isEmpty)
        XCTAssertFalse(figure.svg().isEmpty)
    }
}
