import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import NNPlot

/// Parses SVG with Foundation's XMLParser and keeps what the tests look at.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text = "" }
    private(set) var elements: [Element] = []
    private var open: [Int] = []
    let wellFormed: Bool

    init(_ svg: String) {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        wellFormed = parser.parse()
        elements = collector.elements
    }

    var texts: [String] { elements.filter { $0.name == "text" }.map(\.text) }
    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}

final class SVGTests: XCTestCase {
    func testMapIsWellFormedWithOneElementPerPoint() {
        let points = Fixtures.circlePoints()
        let doc = SVGDocument(Fixtures.circlesMap.svg())
        XCTAssertTrue(doc.wellFormed)
        let svg = doc.elements[0]
        XCTAssertEqual(svg.name, "svg")
        XCTAssertEqual(svg.attributes["xmlns"], "http://www.w3.org/2000/svg")
        for key in ["width", "height", "viewBox"] { XCTAssertNotNil(svg.attributes[key], key) }
        let drawn = doc.elements.filter { $0.attributes["data-index"] != nil }
        XCTAssertEqual(drawn.count, points.count)
        XCTAssertEqual(Set(drawn.compactMap { $0.attributes["data-index"].flatMap { Int($0) } }), Set(points.map(\.index)))
        XCTAssertEqual(drawn.filter { $0.attributes["class"]!.contains("wrong") }.count, points.filter(\.wrong).count)
        XCTAssertEqual(drawn.filter { $0.attributes["class"]!.contains("test") }.count, points.filter(\.isTest).count)
    }

    func testMapHasRegionsBoundaryAxesAndLegend() {
        let doc = SVGDocument(Fixtures.circlesMap.svg())
        XCTAssertGreaterThan(doc.all("rect").count, 100)  // the region raster
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "boundary" }.count, 1)
        let texts = doc.texts
        for text in ["x1", "x2", "-3", "3", "0", "class 0", "class 1", "test points"] {
            XCTAssertTrue(texts.contains(text), "missing text \(text)")
        }
        // The two shades a class are explained (issue 18).
        XCTAssertTrue(texts.contains("model predicts 0: deep = sure, P(class 1) < 0.2; pale = unsure, 0.2 to 0.5"), "\(texts)")
        XCTAssertTrue(texts.contains("model predicts 1: deep = sure, P(class 1) > 0.8; pale = unsure, 0.5 to 0.8"), "\(texts)")
        XCTAssertTrue(texts.contains { $0.hasPrefix("misclassified (") })
    }

    func testTextIsEscaped() {
        let figure = Plot.data(points: Fixtures.circlePoints(), title: "a < b & \"c\"")
        let doc = SVGDocument(figure.svg())
        XCTAssertTrue(doc.wellFormed)
        XCTAssertTrue(doc.texts.contains("a < b & \"c\""))
    }

    /// Names from files (issue 17): escapes, NUL and U+FFFE have no place in XML, even as entities.
    func testControlCharactersInTitlesAndNamesGiveWellFormedXML() {
        let hostile = "a\u{1B}]0;pwned\u{07}\u{0}\u{FFFE}\u{9B}b\nc"
        let figure = Plot.data(points: Fixtures.circlePoints(), title: hostile, xTitle: hostile, yTitle: "y")
        let svg = figure.svg()
        XCTAssertFalse(svg.unicodeScalars.contains { $0 != "\n" && ($0.properties.generalCategory == .control || $0.value == 0xFFFE) })
        let doc = SVGDocument(svg)
        XCTAssertTrue(doc.wellFormed)
        XCTAssertTrue(doc.texts.contains(#"a\u{1B}]0;pwned\u{7}\u{0}\u{FFFE}\u{9B}b\u{A}c"#), "\(doc.texts)")
    }

    func testLossChartHasPolylinesMarkerAndLogAxis() {
        let svg = Plot.loss(history: Fixtures.history(factor: 0.8), title: "loss").svg()
        let doc = SVGDocument(svg)
        XCTAssertTrue(doc.wellFormed)
        // Train last, so it stays visible where the lines cross.
        XCTAssertEqual(doc.all("polyline").map { $0.attributes["class"] }, ["series test", "series train"])
        XCTAssertEqual(doc.all("polyline")[1].attributes["points"]?.split(separator: " ").count, 40)
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "chance" }.count, 1)
        XCTAssertTrue(doc.texts.contains("chance: loss 0.693 (log 2, a coin flip)"))
        XCTAssertTrue(doc.texts.contains("loss (log scale)"))
        XCTAssertTrue(doc.texts.contains("epoch"))
        XCTAssertTrue(doc.texts.contains("1e-4"))
        XCTAssertTrue(doc.texts.contains { $0.hasSuffix("at epoch 25") })
        XCTAssertEqual(doc.all("circle").filter { $0.attributes["class"] == "marker" }.count, 1)
    }

    func testPointsThatCannotBePlacedAreLeftOut() {
        let points = [PlotPoint(index: 0, x: .nan, y: 0, label: 0, isTest: false), PlotPoint(index: 1, x: 1, y: 1, label: 1, isTest: false)]
        let figure = Plot.boundary(points: points, probability: { xy in Array(repeating: .nan, count: xy.count / 2) }, title: "nan")
        XCTAssertEqual(SVGDocument(figure.svg()).elements.filter { $0.attributes["data-index"] != nil }.count, 1)
        XCTAssertFalse(figure.terminal(TerminalOptions()).isEmpty)
    }

    func testSameBytesEveryRun() {
        XCTAssertEqual(Fixtures.circlesMap.svg(), Fixtures.circlesMap.svg())
        XCTAssertFalse(Fixtures.circlesMap.svg().hasSuffix("\n"))
    }
}
