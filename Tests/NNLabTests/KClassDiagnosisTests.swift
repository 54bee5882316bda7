import XCTest
import Foundation
@testable import NNLab
import NNCore

/// `diagnose` and `plot` with three classes, through the commands a learner types, on CSVs made here: which
/// classes a line cannot split off, the pair mixed up most, the rare class and the suspected right class by name,
/// and a decision map with a colour, letter and legend entry per class.
final class KClassDiagnosisTests: XCTestCase {
    /// Three spiral arms of 100 points, one turn each.
    static let spiral: String = {
        var rng = RandomState(seed: 3)
        return "x1,x2,arm\n" + (0..<300).map { i in
            let c = i % 3, r = Double(i / 3) / 100, t = 4 * Double(c) + 4 * r + 0.2 * rng.normal()
            return "\(r * sin(t)),\(r * cos(t)),\(["left", "middle", "right"][c])"
        }.joined(separator: "\n") + "\n"
    }()

    /// Iris-like: setosa far off, versicolor and virginica overlapping (centres 1.5 apart, spread 0.6); `rare`
    /// keeps that share of virginica; `flips` relabels that many setosa points as virginica.
    /// `apart` moves virginica that far from versicolor.
    static func irisLike(rare: Double = 1, flips: Int = 0, apart: Double = 1.5) -> String {
        var rng = RandomState(seed: 11)
        let names = ["setosa", "versicolor", "virginica"], centres = [[-4.0, 0], [0, 0], [apart, 0]]
        var rows: [String] = []
        for i in 0..<240 {
            let c = i % 3
            if c == 2, Double(i / 3) >= rare * 80 { continue }
            let point = centres[c].map { "\($0 + 0.6 * rng.normal())" }.joined(separator: ",")
            rows.append(point + "," + names[c == 0 && i / 3 < flips ? 2 : c])
        }
        return "f1,f2,species\n" + rows.joined(separator: "\n") + "\n"
    }

    func session(_ files: [String: String]) throws -> Session {
        let s = Session.forReplay()
        for (name, csv) in files { try csv.write(toFile: s.directory! + "/" + name, atomically: true, encoding: .utf8) }
        return s
    }

    func text(_ s: Session, _ line: String, file: StaticString = #filePath, line l: UInt = #line) -> String {
        let out = s.run(line)
        guard out.count == 1, case .text(let t) = out[0] else {
            XCTFail("expected text from '\(line)', got \(out)", file: file, line: l)
            return ""
        }
        return t
    }

    func findings(_ s: Session) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(text(s, "diagnose format=json").utf8)) as! [String: Any]
        return json["findings"] as! [[String: Any]]
    }

    func testALineSplitsNoSpiralArmOffAndAHiddenLayerSeparatesAll() throws {
        let s = try session(["spiral.csv": Self.spiral])
        defer { s.removeScratch() }
        for line in ["data load file=spiral.csv", "model linear", "train lr=0.01 epochs=200"] { _ = text(s, line) }
        let report = text(s, "diagnose")
        XCTAssertTrue(report.contains("problem[linear-inseparable]: no straight line splits any of the 3 classes off from the others"), report)
        XCTAssertTrue(report.contains("no model without a hidden layer separates the 3 classes of the training set (exact test"), report)
        XCTAssertTrue(report.contains("try: model dense16 relu"), report)
        let found = try findings(s).first { $0["id"] as? String == "linear-inseparable" }!
        let evidence = found["evidence"] as! [String: Any]
        XCTAssertEqual(evidence["classes_split_off"] as? Double, 0)
        XCTAssertLessThan(evidence["best_line_train_accuracy"] as! Double, 0.7)
        for line in ["model dense32 relu dense32 relu", "train lr=0.01 epochs=300"] { _ = text(s, line) }
        XCTAssertFalse(try findings(s).contains { $0["id"] as? String == "linear-inseparable" })
    }

    func testThePairMixedUpMostIsNamedWithItsErrors() throws {
        let s = try session(["iris.csv": Self.irisLike()])
        defer { s.removeScratch() }
        for line in ["data load file=iris.csv", "model linear", "train lr=0.01 epochs=200"] { _ = text(s, line) }
        let report = text(s, "diagnose")
        let headline = try XCTUnwrap(report.split(separator: "\n").first { $0.hasPrefix("note[confused-pair]") }, report)
        XCTAssertTrue(headline.hasPrefix("note[confused-pair]: most test errors are between versicolor and virginica: "), report)
        let found = try findings(s).first { $0["id"] as? String == "confused-pair" }!
        let errors = (found["evidence"] as! [String: Any])["pair_errors"] as! Double
        // The evidence is the confusion matrix's: the off-diagonal cells of versicolor and virginica.
        let json = try JSONSerialization.jsonObject(with: Data(text(s, "evaluate format=json").utf8)) as! [String: Any]
        let confusion = (json["test"] as! [String: Any])["confusion"] as! [[Int]]
        XCTAssertEqual(Int(errors), confusion[1][2] + confusion[2][1])
        XCTAssertTrue(report.contains("versicolor and virginica: \(Int(errors)) of "), report)
        // Overlap, not a straight boundary's fault: setosa splits off, and the best line is near what the data allow.
        XCTAssertFalse(report.contains("linear-inseparable"), report)
    }

    func testTheRareClassIsNamed() throws {
        let s = try session(["iris.csv": Self.irisLike(rare: 0.15)])
        defer { s.removeScratch() }
        for line in ["data load file=iris.csv", "model linear", "train lr=0.01 epochs=100"] { _ = text(s, line) }
        let report = text(s, "diagnose")
        XCTAssertTrue(report.contains("virginica is rare, so accuracy says little about it")
                      || report.contains("the model misses most of the rare class virginica"), report)
        XCTAssertTrue(report.contains("always answering versicolor would already get") || report.contains("always answering setosa would already get"), report)
        XCTAssertTrue(report.contains("it finds 0% of virginica, against 100% of setosa and 100% of versicolor"), report)
    }

    func testLabelNoiseNamesTheClassTheNeighboursSuggest() throws {
        let s = try session(["iris.csv": Self.irisLike(flips: 12, apart: 4)])
        defer { s.removeScratch() }
        for line in ["data load file=iris.csv", "model dense16 relu", "train lr=0.01 epochs=100"] { _ = text(s, line) }
        let report = text(s, "diagnose")
        XCTAssertTrue(report.contains("warning[label-noise]"), report)
        XCTAssertTrue(report.contains("by their neighbours, "), report)
        XCTAssertTrue(report.contains(" look like setosa"), report)
        // Each suspect with its label and the class it looks like; the JSON lists the class of every point.
        XCTAssertTrue(report.contains(": labelled virginica, looks setosa\n"), report)
        let found = try findings(s).first { $0["id"] as? String == "label-noise" }!
        let points = found["points"] as! [Int], suspected = found["suspected"] as! [String]
        XCTAssertEqual(suspected.count, points.count)
        XCTAssertEqual(Set(suspected), ["setosa"], "the flipped setosa points in the training rows")
    }

    /// Four blobs (centres at (±3, ±3), spread 0.8, 100 points each, classes a–d) with every 10th row's label, in
    /// both splits, moved to another class drawn at random; returns the CSV and the rows moved.
    static func noisyBlobs() -> (csv: String, moved: Set<Int>) {
        var rng = RandomState(seed: 21)
        var rows: [String] = [], moved: Set<Int> = []
        for i in 0..<400 {
            let c = i % 4, centre = [c < 2 ? -3.0 : 3, c % 2 == 0 ? -3.0 : 3]
            let point = centre.map { "\($0 + 0.8 * rng.normal())" }.joined(separator: ",")
            var label = c
            if i % 10 == 3 {
                label = (c + 1 + Int(rng.uniform() * 3)) % 4
                moved.insert(i)
            }
            rows.append(point + "," + ["a", "b", "c", "d"][label])
        }
        return ("f1,f2,blob\n" + rows.joined(separator: "\n") + "\n", moved)
    }

    /// The wrong-labels row of the budget with four classes: the test labels that look wrong by the training points
    /// around them, against the share of the test labels moved on purpose.
    func testWrongTestLabelsAreCountedWithFourClasses() throws {
        let (csv, moved) = Self.noisyBlobs()
        let s = try session(["blobs.csv": csv])
        defer { s.removeScratch() }
        for line in ["data load file=blobs.csv", "model dense16 relu", "train lr=0.01 epochs=100", "export data file=rows.csv"] { _ = text(s, line) }
        let exported = try String(contentsOfFile: s.directory! + "/rows.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let test = exported.map { $0.split(separator: ",") }.filter { $0.last == "test" }.map { Int($0[0])! }
        let truth = Double(test.filter(moved.contains).count) / Double(test.count)
        let json = try JSONSerialization.jsonObject(with: Data(text(s, "diagnose format=json").utf8)) as! [String: Any]
        let rows = (json["budget"] as! [String: Any])["rows"] as! [[String: Any]]
        let row = try XCTUnwrap(rows.first { $0["key"] as? String == "wrong-labels" })
        let measured = try XCTUnwrap((row["evidence"] as! [String: Any])["doubted_test_share"] as? Double, "\(row)")
        print("wrong test labels, 4 blobs with 10% of labels moved: \(measured) measured, \(truth) moved")
        XCTAssertGreaterThan(truth, 0.05)
        XCTAssertEqual(measured, truth, accuracy: 0.03)
    }

    func testDecisionMapHasAColourLetterAndLegendEntryPerClass() throws {
        let s = try session(["iris.csv": Self.irisLike()])
        defer { s.removeScratch() }
        for line in ["data load file=iris.csv", "model dense8 relu", "train lr=0.01 epochs=50"] { _ = text(s, line) }
        let map = text(s, "plot")
        for part in ["a setosa  b versicolor  c virginica", "· model predicts setosa", "(blank) model predicts versicolor",
                     "- model predicts virginica", "softmax"] {
            XCTAssertTrue(map.contains(part), "\(part) in\n\(map)")
        }
        XCTAssertTrue(text(s, "plot data").contains("a setosa  b versicolor  c virginica"))
        XCTAssertTrue(text(s, "plot loss").contains("chance: loss 1.1 (log 3, each of 3 classes equally likely)"))
        XCTAssertEqual(text(s, "plot file=map.svg"), "wrote the boundary plot to map.svg")
        let svg = try String(contentsOfFile: s.directory! + "/map.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("boundary between versicolor and virginica"))
        XCTAssertTrue(svg.contains("boundary between setosa and versicolor"))
        XCTAssertTrue(svg.contains(">model predicts virginica<"))
    }
}
