import XCTest
@testable import NNCore
@testable import NNPlot

/// Any finite values draw: the whole Double range, tiny and constant ranges, subnormals
/// (±9e307 used to crash every plot converting a tick to Int).
final class ExtremeValueTests: XCTestCase {
    static let big = Double.greatestFiniteMagnitude, tiny = Double.leastNonzeroMagnitude
    /// Columns a hand-made CSV can hold.
    static let columns: [[Double]] = [
        [-9e307, 9e307], [-big, big], [big, big], [-big, -big], [1e-320, 1e-320], [tiny, 2 * tiny], [0, tiny],
        [1, 1 + 1e-15], [1e300, 1e300], [1e18, 1e18 + 256], [-1e308, 5], [0, 0], [1e-300, 2e-300], [-big, 0, big],
    ]

    func checkAxis(_ axis: Axis, covers values: [Double], _ message: String) {
        XCTAssertTrue(axis.min.isFinite && axis.max.isFinite && axis.min < axis.max, "\(message): \(axis)")
        XCTAssertTrue(values.allSatisfy { axis.min <= $0 && $0 <= axis.max }, "\(message): \(axis) covers \(values)")
        for count in [1, 2, 5, 7] {
            let ticks = axis.ticks(count: count)
            XCTAssertTrue(ticks.count >= 2 && ticks.count < 30 && ticks.allSatisfy(\.isFinite), "\(message): \(ticks)")
        }
        XCTAssertTrue([0, 0.5, 1].map(axis.value(at:)).allSatisfy(\.isFinite), message)
    }

    func testCoveringAxesAreFiniteAndCoverTheValues() {
        for values in Self.columns { checkAxis(.covering(values, title: "x"), covers: values, "\(values)") }
    }

    func testEveryPictureOfExtremePointsDraws() {
        // Each column against an ordinary one and against another extreme one, on both axes.
        let pairs = Self.columns.indices.flatMap { i in
            [(Self.columns[i], [0.0, 1]), ([0.0, 1], Self.columns[i]), (Self.columns[i], Self.columns[(i + 5) % Self.columns.count])]
        }
        for (xs, ys) in pairs {
            do {
                let points = (0..<10).map { i in
                    PlotPoint(index: i, x: xs[i % xs.count], y: ys[(i / 2) % ys.count], label: i % 2, isTest: i == 3)
                }
                let map = Plot.boundary(points: points, probability: { Array(repeating: 0.5, count: $0.count / 2) }, title: "t")
                checkAxis(map.x, covers: xs, "x of \(xs)")
                checkAxis(map.y, covers: ys, "y of \(ys)")
                for figure in [map, Plot.data(points: points, title: "t")] {
                    XCTAssertFalse(figure.terminal(TerminalOptions(columns: 80, color: false, unicode: true)).isEmpty)
                    XCTAssertTrue(figure.svg().contains("</svg>"))
                }
            }
        }
    }

    func testLossChartsOfExtremeLossesDraw() {
        let losses: [[Double]] = [[Self.big, 1], [Self.big, Self.big], [1e-320, 1e-320], [Self.tiny, 1], [Self.tiny, Self.big],
                                  [1.7e308, 1e-320, 0.5], [0, 0]]
        for values in losses {
            for firstEpoch in [1, 1_000_000_000_000_000_000] {
                let history = History(records: values.enumerated().map { i, v in
                    EpochRecord(epoch: firstEpoch + i * (firstEpoch > 1 ? 0 : 1), trainLoss: v, trainAccuracy: 0.5,
                                testLoss: v, testAccuracy: 0.5, gradientNorm: 1, deadFraction: 0)
                })
                let figure = Plot.loss(history: history, title: "loss")
                XCTAssertTrue(figure.y.min.isFinite && figure.y.max.isFinite && figure.y.min < figure.y.max, "\(values): \(figure.y)")
                XCTAssertTrue(figure.x.min < figure.x.max, "\(firstEpoch): \(figure.x)")
                XCTAssertFalse(figure.terminal(TerminalOptions(columns: 80, color: false, unicode: true)).isEmpty)
                XCTAssertFalse(figure.svg().isEmpty)
            }
        }
    }
}
