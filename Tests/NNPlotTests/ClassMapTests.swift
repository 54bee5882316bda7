import XCTest
@testable import NNPlot

/// Decision maps with three or more classes: each class its own colour, tint, letter and shape; a legend with the
/// class names; a boundary between every pair of classes that meet.
final class ClassMapTests: XCTestCase {
    static let names = ["setosa", "versicolor", "virginica"]
    /// Class centres 120° apart on the unit circle.
    static let centres = [(0.0, 1.0), (-0.866, -0.5), (0.866, -0.5)]

    /// Points on a small lattice around each centre; the fifth of each class is a test point and one point of
    /// class 2 sits among class 0 (misclassified).
    static var points: [PlotPoint] {
        var points: [PlotPoint] = []
        for (label, c) in centres.enumerated() {
            for k in 0..<9 {
                let x = c.0 + 0.15 * Double(k % 3 - 1), y = c.1 + 0.15 * Double(k / 3 - 1)
                points.append(PlotPoint(index: points.count, x: x, y: y, label: label, isTest: k == 4))
            }
        }
        points.append(PlotPoint(index: points.count, x: 0, y: 0.9, label: 2, isTest: false, wrong: true))
        return points
    }

    /// Each class's probability falling with the squared distance to its centre (no exp in NNPlot's tests either).
    static func probabilities(_ xy: [Double]) -> [Double] {
        stride(from: 0, to: xy.count, by: 2).flatMap { k -> [Double] in
            let w = centres.map { c in 1 / (0.01 + (xy[k] - c.0) * (xy[k] - c.0) + (xy[k + 1] - c.1) * (xy[k + 1] - c.1)) }
            let total = w.reduce(0, +)
            return w.map { $0 / total }
        }
    }

    static var map: Figure {
        Plot.classMap(points: points, classNames: names, probabilities: probabilities, title: "three classes")
    }

    func testPlainTextTellsClassesApartByLetterAndTexture() {
        let text = Self.map.terminal(TerminalOptions())
        let plot = text.split(separator: "\n").filter { $0.contains("│") }.joined()
        for letter in ["a", "b", "c", "A", "B", "C"] { XCTAssertTrue(plot.contains(letter), letter) }
        // Class 0 dotted, class 1 blank, class 2 dashed.
        XCTAssertTrue(plot.contains("·"))
        XCTAssertTrue(plot.contains("-"))
        for name in Self.names { XCTAssertTrue(text.contains("a setosa") && text.contains(name), name) }
        XCTAssertTrue(text.contains("A B C test points"))
        XCTAssertTrue(text.contains("misclassified (1): a letter on another class's region"))
        XCTAssertTrue(text.contains("· model predicts setosa"))
        XCTAssertTrue(text.contains("(blank) model predicts versicolor"))
        XCTAssertTrue(text.contains("- model predicts virginica"))
        XCTAssertFalse(text.contains("class 0"))
        let ascii = Self.map.terminal(TerminalOptions(unicode: false))
        XCTAssertTrue(ascii.unicodeScalars.allSatisfy(\.isASCII))
    }

    /// The texture under each letter's neighbourhood is its own class's: the map's regions are where the classes are.
    func testRegionsFollowTheProbabilities() {
        let grid = Self.map.classRegions!
        XCTAssertEqual(grid.winner(fx: Self.map.x.fraction(0), fy: Self.map.y.fraction(1)), 0)
        XCTAssertEqual(grid.winner(fx: Self.map.x.fraction(-0.866), fy: Self.map.y.fraction(-0.5)), 1)
        XCTAssertEqual(grid.winner(fx: Self.map.x.fraction(0.866), fy: Self.map.y.fraction(-0.5)), 2)
    }

    func testColourUsesThreeTintsAndOkabeItoPoints() {
        let text = Self.map.terminal(TerminalOptions(color: true))
        for tint in ClassStyle.tints.prefix(3) { XCTAssertTrue(text.contains("48;5;\(tint.ansi)"), "tint \(tint.ansi)") }
        for ink in ClassStyle.colours.prefix(3) { XCTAssertTrue(text.contains("38;5;\(ink.ansi)"), "point colour \(ink.ansi)") }
        XCTAssertFalse(text.contains("48;5;\(ClassStyle.tints[3].ansi)"))
    }

    func testColoursTintsShapesAndLettersAreDistinctForTwentyClasses() {
        XCTAssertEqual(Set(ClassStyle.tints.map(\.ansi)).count, ClassStyle.tints.count)
        XCTAssertEqual(Set(ClassStyle.colours.map(\.ansi)).count, ClassStyle.colours.count)
        let looks = (0..<20).map { "\(ClassStyle.point($0).hex) \(ClassStyle.shape($0))" }
        XCTAssertEqual(Set(looks).count, 20)
        XCTAssertEqual(Set((0..<20).map { ClassStyle.letter($0) }).count, 20)
        XCTAssertEqual(Set((0..<20).map { ClassStyle.letter($0, test: true) }).count, 20)
    }

    func testSVGDrawsABoundaryForEveryPairThatMeetsAndShapesPerClass() {
        let svg = Self.map.svg()
        for pair in ["0-1", "0-2", "1-2"] { XCTAssertTrue(svg.contains("class=\"boundary pair\(pair)\""), pair) }
        XCTAssertTrue(svg.contains("boundary between versicolor and virginica"))
        XCTAssertTrue(svg.contains("<polygon class=\"point class2 train\""))   // class 2 a triangle
        XCTAssertTrue(svg.contains("<rect class=\"point class1 train\""))      // class 1 a square
        XCTAssertTrue(svg.contains("<circle class=\"point class0 train\""))
        for hex in ["#0072b2", "#e69f00", "#009e73"] { XCTAssertTrue(svg.contains(hex), hex) }
        for name in Self.names { XCTAssertTrue(svg.contains(">model predicts \(name)<"), name) }
        XCTAssertTrue(svg.contains("#27 virginica train, misclassified"))
    }

    /// Three classes in a row: the outer two never meet, so there is no boundary between them.
    func testNoBoundaryBetweenClassesThatDoNotMeet() {
        let row = [-2.0, 0.0, 2.0]
        let figure = Plot.classMap(points: row.enumerated().map { PlotPoint(index: $0, x: $1, y: 0, label: $0, isTest: false) },
                                   classNames: ["left", "middle", "right"], probabilities: { xy in
            stride(from: 0, to: xy.count, by: 2).flatMap { k -> [Double] in
                let w = row.map { 1 / (0.01 + (xy[k] - $0) * (xy[k] - $0)) }
                return w.map { $0 / w.reduce(0, +) }
            }
        }, title: "row")
        let pairs = figure.classRegions!.boundaries().map { "\($0.pair.0)-\($0.pair.1)" }
        XCTAssertEqual(pairs, ["0-1", "1-2"])
    }

    func testLegendFitsBesideAFlatMap() {
        var points = Self.points
        for i in points.indices { points[i].y *= 0.1 }
        let svg = Plot.classMap(points: points, classNames: Self.names, probabilities: Self.probabilities, title: "flat").svg()
        let height = Double(svg.split(separator: "height=\"")[1].prefix { $0 != "\"" })!
        XCTAssertGreaterThanOrEqual(height, 48 + 10 * 22)
    }

    func testLossChartMarksChanceAtLogK() {
        let figure = Plot.loss(history: Fixtures.history(), title: "loss", classNames: Self.names)
        XCTAssertEqual(figure.chanceLoss!, 1.0986122886681098, accuracy: 1e-12)
        XCTAssertTrue(figure.terminal(TerminalOptions()).contains("chance: loss 1.1 (log 3, each of 3 classes equally likely)"))
        XCTAssertEqual(Plot.loss(history: Fixtures.history(), title: "loss").chanceLoss, 0.6931471805599453)
    }
}
