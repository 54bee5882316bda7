import Foundation
import XCTest
@testable import NNLab
import NNCore

/// CSV files as an attacker or a spreadsheet writes them (issue 17): blank lines, CRLF, labels
/// that compare equal as numbers, huge values, files past the row limit, escapes in labels and
/// names, and `export data` files that must load back exactly as they were.
final class HostileCSVTests: XCTestCase {
    var session: Session!
    override func setUp() { session = Session.forReplay() }
    override func tearDown() { session.removeScratch() }

    func file(_ name: String, _ text: String) throws {
        try text.write(toFile: session.directory! + "/" + name, atomically: true, encoding: .utf8)
    }

    func run(_ line: String) -> String {
        Transcript.lines(session.run(line)).joined(separator: "\n")
    }

    func message(_ text: String, label: String? = nil) -> String {
        do {
            _ = try CSVLoader.load(text, file: "my.csv", label: label)
            return "no error"
        } catch {
            return (error as! CommandError).message
        }
    }

    /// Ten rows of two features whose labels are `labels` in turn.
    func rows(_ labels: [String], header: String = "x1,x2,label", end: String = "\n") -> String {
        ([header] + (0..<10).map { "\($0),\($0 % 3),\(labels[$0 % labels.count])" }).joined(separator: end) + end
    }

    func testBlankLinesAnywhereAreSkipped() throws {
        for text in [rows(["0", "1"]) + "\n", rows(["0", "1"]) + "  \n\t\n", "\n\n" + rows(["0", "1"]),
                     rows(["0", "1"]).replacingOccurrences(of: "\n3,", with: "\n\n   \n3,")] {
            let t = try CSVLoader.load(text, file: "my.csv", label: nil)
            XCTAssertEqual(t.dataset.count, 10, text.debugDescription)
            XCTAssertEqual(t.dataset.featureNames, ["x1", "x2"])
        }
    }

    func testLineNumbersAreRightWithCRLFAndCR() {
        let crlf = "x1,x2,label\r\n1,2,0\r\n3,4,1\r\n\r\n5,6,0,9\r\n"
        XCTAssertEqual(message(crlf), "my.csv:5: 4 values, the header has 3")
        XCTAssertEqual(message(crlf.replacingOccurrences(of: "\r\n", with: "\r")), "my.csv:5: 4 values, the header has 3")
        XCTAssertEqual(message("x1,x2,label\r\n1,2,0\r\n3,x,1\r\n"), "my.csv:3: column x2: 'x' is not a number")
        XCTAssertEqual(message("x1,x2,label\n1,2,0\n\"3,4,1\n"),
                       "my.csv:3: a quoted value is not closed on its line (line breaks inside quotes are not supported)")
    }

    func testLabelsThatAreEqualAsNumbersMapTheSameWayWhateverTheirOrder() throws {
        for (labels, classes) in [(["1", "1.0"], ["1", "1.0"]), (["1", "01"], ["01", "1"]), (["1.0", "1"], ["1", "1.0"]),
                                  (["cat", "2"], ["2", "cat"]), (["nan", "-1"], ["-1", "nan"]), (["b", "a"], ["a", "b"]),
                                  (["10", "9"], ["9", "10"])] {
            // Rows in every rotation: the mapping does not depend on which label comes first.
            for shift in 0..<2 {
                let t = try CSVLoader.load(rows(shift == 0 ? labels : labels.reversed()), file: "my.csv", label: nil)
                XCTAssertEqual(t.classes, classes, "\(labels)")
                XCTAssertEqual(t.dataset.y[0], classes.firstIndex(of: shift == 0 ? labels[0] : labels[1]))
            }
        }
    }

    func testValuesTooLargeToScaleAreRefusedByLine() throws {
        for big in ["1e160", "-1e160", "9e307", "-9e307", "1.0000001e100"] {
            var text = rows(["0", "1"])
            text = text.replacingOccurrences(of: "\n4,1,", with: "\n\(big),1,")
            XCTAssertEqual(message(text), "my.csv:6: column x1: \(big) is too large; nnlab takes values up to 1e+100 in size "
                           + "(divide the column by a power of ten)")
        }
        // Up to the limit, scaling and training stay finite.
        try file("huge.csv", rows(["0", "1"]).replacingOccurrences(of: "\n4,1,", with: "\n1e100,1,")
                 .replacingOccurrences(of: "\n5,2,", with: "\n-1e100,2,"))
        XCTAssertTrue(run("data load file=huge.csv").hasPrefix("data: huge.csv, 10 points"))
        XCTAssertTrue(session.data!.prepared.scaler.scale.allSatisfy(\.isFinite))
        XCTAssertTrue(session.data!.prepared.training.xTrain.allSatisfy(\.isFinite))
        _ = run("model dense8 relu")
        let trained = run("train epochs=20")
        XCTAssertFalse(trained.contains("nan") || trained.contains("error"), trained)
    }

    func testAFileWithTooManyRowsIsRefusedBeforeItsValuesAreRead() {
        // Past the limit, a broken line is never reached: the rows were counted, not parsed.
        let many = "x1,x2,label\n" + String(repeating: "1,2,0\n3,4,1\n", count: Limits.points / 2) + "\"broken\n"
        XCTAssertEqual(message(many), "my.csv: at most \(Limits.points) rows")
        let exactly = "x1,x2,label\n" + String(repeating: "1,2,0\n3,4,1\n", count: Limits.points / 2) + "\n\n"
        XCTAssertEqual(try CSVLoader.load(exactly, file: "my.csv", label: nil).dataset.count, Limits.points)
    }

    func testEscapesInLabelsAndNamesNeverReachTheOutput() throws {
        try file("escape.csv", rows(["\u{1B}]0;pwned\u{07}cat", "dog\u{1B}[2J"], header: "x\u{1B}[31m1,x2,lab\u{9B}el"))
        var outputs = [run("data load file=escape.csv"), run("data info"), run("data info format=json"), run("status"), run("plot data")]
        _ = run("model linear")
        outputs += [run("train epochs=5"), run("plot"), run("diagnose"), run("evaluate")]
        for out in outputs {
            XCTAssertFalse(out.unicodeScalars.contains { CommandError.hidden($0) && $0 != "\n" }, out.debugDescription)
        }
        XCTAssertTrue(outputs[0].contains(#"(\u{1B}]0;pwned\u{7}cat → 0, dog\u{1B}[2J → 1)"#), outputs[0])
    }

    /// JSON output carries every control character (DEL and C1 too) and reordering mark as a \u escape.
    func testJSONStringsWriteOutControlCharacters() throws {
        let text = "a\u{1B}b\u{7F}c\u{9B}d\u{202E}e\u{0}"
        let quoted = JSON.quote(text)
        XCTAssertEqual(quoted, #""a\u001bb\u007fc\u009bd\u202ee\u0000""#)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String], [text])
    }

    /// Every table `export data` writes loads back to the same data, names, labels and split.
    func testExportDataLoadsBackIdentically() throws {
        let cases: [(String, String, String?)] = [
            ("quoted.csv", rows(["cat", "dog"], header: #""a""b","c,d",label"#), nil),
            ("named-label.csv", rows(["0", "1"], header: "label,x2,y"), "y"),
            ("y-feature.csv", rows(["no", "yes"], header: "y,x2,answer"), "answer"),
            ("text.csv", rows(["cat", "dog"]), nil),
            ("same-value.csv", rows(["1", "1.0"]), nil),
            ("commas.csv", rows(["\"a,b\"", "\"say \"\"hi\"\"\""], header: "x1,x2,label"), nil),
            ("crlf.csv", rows(["0", "1"], end: "\r\n"), nil),
            ("duplicate.csv", (["a,b,a"] + (0..<10).map { "\($0 % 2),\($0),\($0 * 2)" }).joined(separator: "\n"), "a"),
        ]
        for (name, text, label) in cases {
            try file(name, text)
            let loaded = run("data load file=\(name)" + (label.map { " label=\($0)" } ?? ""))
            XCTAssertTrue(loaded.hasPrefix("data: \(name), 10 points"), "\(name): \(loaded)")
            let before = session.data!
            guard case .loaded(let spec) = before.origin else { return XCTFail(name) }
            // Written over the file it came from, then loaded again without naming the label.
            XCTAssertEqual(run("export data file=\(name)"), "wrote 10 rows to \(name)")
            XCTAssertTrue(run("data load file=\(name)").hasPrefix("data: \(name), 10 points"), name)
            guard case .loaded(let again) = session.data!.origin else { return XCTFail(name) }
            XCTAssertEqual(session.data!.prepared, before.prepared, name)
            XCTAssertEqual(again.classes, spec.classes, name)
            XCTAssertEqual(session.data!.prepared.dataset.featureNames, before.prepared.dataset.featureNames, name)
            // A third round writes the same bytes.
            let exported = try String(contentsOfFile: session.directory! + "/" + name, encoding: .utf8)
            _ = run("export data file=\(name)")
            XCTAssertEqual(try String(contentsOfFile: session.directory! + "/" + name, encoding: .utf8), exported, name)
        }
        let header = try String(contentsOfFile: session.directory! + "/quoted.csv", encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertEqual(header, #"index,"a""b","c,d",label,split"#)
        let clash = try String(contentsOfFile: session.directory! + "/duplicate.csv", encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertEqual(clash, "index,b,a,a_2,split", "the label column gets a name no feature has")
    }
}
