import XCTest
@testable import NNPlot

final class UnitMapsTests: XCTestCase {
    /// Sixteen units, as `model dense16 relu` has: unit k is the half-plane x·cos(k) + y·sin(k) > 0 (ReLU),
    /// every fifth one dead (0 everywhere), every third one pulling toward class 0.
    static func sixteen() -> UnitMaps {
        let units: [(name: String, toward: Int, dead: Bool)] = (1...16).map { k in
            (name: "layer 1 unit \(k)", toward: k % 3 == 0 ? 0 : 1, dead: k % 5 == 0)
        }
        func outputs(_ xy: [Double]) -> [Double] {
            var out: [Double] = []
            for p in stride(from: 0, to: xy.count, by: 2) {
                for k in 1...16 {
                    let along = xy[p] * cosine(Double(k)) + xy[p + 1] * sine(Double(k))
                    out.append(k % 5 == 0 ? 0 : max(0, along))
                }
            }
            return out
        }
        return UnitMaps.make(points: Fixtures.circlePoints(), units: units, outputs: outputs, title: "circles: layer 1")
    }

    func testEveryUnitIsLabelledWithItsSignAndWhetherItIsDead() {
        let all = Self.sixteen().terminal(TerminalOptions(columns: 80))
        let text = all.components(separatedBy: "each map is")[0]  // the panels, without the legend
        for k in 1...16 { XCTAssertTrue(text.contains("layer 1 unit \(k) ") || text.contains("layer 1 unit \(k)\n"), "unit \(k)") }
        XCTAssertEqual(text.components(separatedBy: "- class 0").count - 1, 5)   // units 3, 6, 9, 12, 15
        XCTAssertEqual(text.components(separatedBy: ", dead").count - 1, 3)      // units 5, 10, 15
        XCTAssertTrue(text.contains("- class 0, dead"))                          // unit 15
        XCTAssertTrue(all.contains("dead: a ReLU unit that outputs 0 for every training point"))
    }

    func testTheGridFitsTheTerminal() {
        let maps = Self.sixteen()
        for columns in [30, 40, 80, 100, 200] {
            for unicode in [true, false] {
                let lines = maps.terminal(TerminalOptions(columns: columns, unicode: unicode)).split(separator: "\n")
                for line in lines {
                    XCTAssertLessThanOrEqual(line.count, max(columns, 30), "\(columns): \(line)")
                    XCTAssertFalse(line.hasSuffix(" "))
                }
                // As many panels a row as fit: 80 columns hold 4 (18 wide, 2 apart), 40 hold 2, 200 hold 10.
                let perRow = lines.first { $0 == "layer 1 unit 1" || $0.hasPrefix("layer 1 unit 1 ") }!.components(separatedBy: "layer 1 unit").count - 1
                XCTAssertEqual(perRow, max(1, (max(columns, 30) + 2) / 20), "\(columns)")
                if !unicode { XCTAssertTrue(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }) }
            }
        }
    }

    /// Unit 4's half-plane (cos 4 < 0, sin 4 < 0) is highest at the bottom left and 0 at the top right;
    /// a dead unit's map is blank.
    func testShadesFollowTheUnitsOutput() {
        let lines = Self.sixteen().terminal(TerminalOptions(columns: 80)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("layer 1 unit 1 ") }!
        func map(column panel: Int) -> [String] {
            (header + 3..<header + 3 + UnitMaps.panelRows).map { Array(lines[$0]).dropFirst(panel * 20 + 1).prefix(16).map(String.init).joined() }
        }
        let unit4 = map(column: 3)
        XCTAssertEqual(unit4.last!.first, "█")
        XCTAssertEqual(unit4.first!.last, " ")
        let deadRow = lines.firstIndex { $0.hasPrefix("layer 1 unit 5 ") }!
        for j in deadRow + 3..<deadRow + 3 + UnitMaps.panelRows {
            XCTAssertTrue(Array(lines[j]).dropFirst(1).prefix(16).allSatisfy { $0 == " " })
        }
    }

    func testEachSVGPanelHasATitleNamingTheUnit() {
        let svg = Self.sixteen().svg()
        let doc = SVGDocument(svg)
        XCTAssertTrue(doc.wellFormed)
        let titles = doc.all("title").map(\.text)
        XCTAssertEqual(titles.first, "circles: layer 1")
        XCTAssertEqual(titles.count, 17)
        XCTAssertEqual(titles[3], "layer 1 unit 3: pushes toward class 0 (-), alive")
        XCTAssertEqual(titles[15], "layer 1 unit 15: pushes toward class 0 (-), dead")
        XCTAssertEqual(doc.all("g").filter { $0.attributes["class"] == "unit dead" }.count, 3)
        XCTAssertEqual(svg, Self.sixteen().svg())
    }

    /// Three classes: each caption names the class the unit pushes toward most, in that class's colour and SVG title.
    func testKClassCaptionsNameTheClass() {
        let names = ["setosa", "versicolor", "virginica"]
        let units = (1...6).map { k in (name: "layer 1 unit \(k)", toward: k % 3, dead: k == 6) }
        let maps = UnitMaps.make(points: Fixtures.circlePoints(), units: units, classNames: names,
                                 outputs: { xy in (0..<(xy.count / 2 * 6)).map { Double($0 % 5) } }, title: "iris: layer 1")
        let text = maps.terminal(TerminalOptions(columns: 80))
        for part in ["+ versicolor", "+ virginica", "+ setosa, dead", "+ a class: more of the unit pushes the output toward that class"] {
            XCTAssertTrue(text.contains(part), part)
        }
        XCTAssertFalse(text.contains("class 1"), text)
        XCTAssertTrue(maps.terminal(TerminalOptions(color: true)).contains("\u{1B}[0;38;5;178m"), "versicolor in the second class colour")
        let titles = SVGDocument(maps.svg()).all("title").map(\.text)
        XCTAssertEqual(titles[1], "layer 1 unit 1: pushes toward versicolor (+), alive")
        XCTAssertEqual(titles[6], "layer 1 unit 6: pushes toward setosa (+), dead")
    }

    func testColourOnlyWhenAsked() {
        let maps = Self.sixteen()
        XCTAssertFalse(maps.terminal(TerminalOptions(color: false)).contains("\u{1B}"))
        XCTAssertTrue(maps.terminal(TerminalOptions(color: true)).contains("\u{1B}[0;38;5;124m"))  // class 1's colour
    }
}

/// Cosine and sine by their series, so the test needs no Foundation maths (4 radians: terms up to x^30).
private func cosine(_ x: Double) -> Double { series(x, start: 0) }
private func sine(_ x: Double) -> Double { series(x, start: 1) }
private func series(_ x: Double, start: Int) -> Double {
    var term = start == 0 ? 1.0 : x, sum = 0.0, n = start
    for _ in 0..<20 {
        sum += term
        term *= -x * x / Double((n + 1) * (n + 2))
        n += 2
    }
    return sum
}
