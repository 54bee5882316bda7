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
        XCTAssertFalse(narrow.terminal(TerminalOptions()).contains("log"))
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

    func testBothCurvesAreDrawnAndOverlapShown() {
        let text = Plot.loss(history: Fixtures.history(), title: "loss").terminal(TerminalOptions())
        let plot = text.split(separator: "\n").filter { $0.contains("┤") || $0.contains("│") }.joined()
        XCTAssertTrue(plot.contains("*"))
        XCTAssertTrue(plot.contains("+"))
        XCTAssertTrue(plot.contains("#"))  // the curves coincide until the best epoch
        XCTAssertTrue(text.contains("* train loss  + test loss  # both"))
        XCTAssertTrue(text.contains("\n") && text.contains("epoch"))
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
