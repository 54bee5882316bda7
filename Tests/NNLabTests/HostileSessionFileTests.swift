import Foundation
import XCTest
@testable import NNLab

/// Hand-edited session files (issue 17): every field is checked as a typed command would be,
/// before anything is built from it, and names from the file never carry control characters.
final class HostileSessionFileTests: XCTestCase {
    var session: Session!
    /// A trained session on loaded data, saved: the file every case edits.
    var saved: [String: Any] = [:]

    override func setUpWithError() throws {
        session = Session.forReplay()
        let csv = "a,b,kind\n" + (0..<40).map { "\($0 % 7),\($0 % 5),\($0 % 7 + $0 % 5 > 5 ? "big" : "small")" }.joined(separator: "\n")
        try csv.write(toFile: session.directory! + "/mine.csv", atomically: true, encoding: .utf8)
        for line in ["data load file=mine.csv", "model dense8 relu", "train epochs=5", "save file=base.json"] {
            XCTAssertFalse(Transcript.lines(session.run(line)).joined().hasPrefix("error"), line)
        }
        saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: session.directory! + "/base.json"))) as! [String: Any]
    }

    override func tearDown() { session.removeScratch() }

    /// Loads the saved file after `edit`; the error line, or "loaded".
    func load(_ edit: (inout [String: Any]) -> Void) throws -> String {
        var file = saved
        edit(&file)
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: session.directory! + "/edited.json"))
        let out = session.run("load file=edited.json")
        if case .error(let e)? = out.first { return e }
        return "loaded"
    }

    /// `file[a][b]... = value` through nested objects and arrays.
    static func set(_ value: Any, at path: [Any], in object: Any) -> Any {
        guard let key = path.first else { return value }
        if var d = object as? [String: Any], let k = key as? String {
            d[k] = set(value, at: Array(path.dropFirst()), in: d[k] as Any)
            return d
        }
        var a = object as! [Any]
        let i = key as! Int
        a[i] = set(value, at: Array(path.dropFirst()), in: a[i])
        return a
    }

    func edited(_ path: [Any], _ value: Any) throws -> String {
        try load { $0 = Self.set(value, at: path, in: $0) as! [String: Any] }
    }

    func testTheUneditedFileLoads() throws {
        XCTAssertEqual(try load { _ in }, "loaded")
    }

    func testOutOfRangeFieldsAreRefusedAsTypedCommandsWouldBe() throws {
        let records = ["training", "history", "records"]
        let cases: [([Any], Any, String)] = [
            (["nnlab"], -1, "format -1 is not one nnlab writes"),
            (["nnlab"], 0, "format 0 is not one nnlab writes"),
            (["loaded", "source", "classes"], [String](), "the data needs from 2 to 20 different class names"),
            (["loaded", "source", "classes"], ["a", "a"], "the data needs from 2 to 20 different class names"),
            (["loaded", "source", "test"], 5.0, "test must be a number above 0 and at most 0.9 (got '5')"),
            (["training", "config", "epochs"], -5, "epochs must be a whole number from 1 to 100000 (got '-5')"),
            (["training", "config", "epochs"], 1e18, "epochs must be a whole number from 1 to 100000 (got '1000000000000000000')"),
            (["training", "config", "learningRate"], 0, "lr must be a number above 0 and at most 10 (got '0')"),
            (["training", "config", "batch"], 0, "batch must be a whole number from 1 to 20000 (got '0')"),
            (records + [4, "epoch"], 1_000_000_000_000_000_000 as Int64, "history: epoch 1000000000000000000 where epoch 5 belongs"),
            (records + [0, "epoch"], -1, "history: epoch -1 where epoch 1 belongs"),
            (records + [2, "testAccuracy"], 5.0, "history: epoch 3 has a loss, accuracy or share out of range"),
            (records + [2, "trainLoss"], -1.7e308, "history: epoch 3 has a loss, accuracy or share out of range"),
            (records + [2, "deadFraction"], -0.5, "history: epoch 3 has a loss, accuracy or share out of range"),
            (["training", "stop"], "exploded", "training stopped as 'exploded'; finished, interrupted, diverged or kept-best"),
            (["training", "stop"], "diverged", "loaded"),
            (["training", "stopEpoch"], 99, "loaded"), // only read when the run did not finish
            (["settings", "width"], 100_000, "width must be auto or a whole number from 40 to 300 (got '100000')"),
            (["model", 0, "units"], 0, "a layer has from 1 to 512 units (got dense0)"),
            (["loaded", "y", 3], 2, "the saved rows do not fit together"),
            (["loaded", "x", 3], 1e160, "the saved rows do not fit together"),
            (["loaded", "train", 0], 40, "the split names rows that are not there, or a row twice"),
            (["loaded", "test"], [Int](), "these settings leave 32 training and 0 test points; use more points (n=) or a test fraction between 0.1 and 0.5"),
            (["loaded", "source", "file"], "mine.txt", "file must be a file name ending in .csv (got 'mine.txt')"),
        ]
        for (path, value, expected) in cases {
            let got = try edited(path, value)
            XCTAssertEqual(got, expected == "loaded" ? "loaded" : "edited.json is damaged: " + expected, "\(path) = \(value)")
        }
        let diverged = try load {
            $0 = Self.set("interrupted", at: ["training", "stop"], in: $0) as! [String: Any]
            $0 = Self.set(99, at: ["training", "stopEpoch"], in: $0) as! [String: Any]
        }
        XCTAssertEqual(diverged, "edited.json is damaged: training interrupted at epoch 99 of 5")
        XCTAssertEqual(try load { $0["model"] = nil }, "edited.json is damaged: training without data or model")
        XCTAssertEqual(try load { $0["data"] = ["kind": "circles", "n": 200, "noise": 0.2, "seed": 1, "test": 0.2, "scaled": true, "flip": 0, "imbalance": 1] },
                       "edited.json is damaged: both generated and loaded data")
        XCTAssertEqual(try load { $0["loaded"] = nil; $0["training"] = nil
                           $0["data"] = ["kind": "circles", "n": 10, "noise": 0.2, "seed": 1, "test": 0.9, "scaled": true, "flip": 0, "imbalance": 1] },
                       "edited.json is damaged: these settings leave 0 training and 9 test points; use more points (n=) or a test fraction between 0.1 and 0.5")
    }

    /// A file of 31 million zeros (45 s and 1.5 GB in the decoder) is refused from a count of its values;
    /// the largest history a file of its size can hold still fits under the count.
    func testFilesWithMoreValuesThanASessionHoldsAreRefusedBeforeDecoding() throws {
        let zeros = "{\"nnlab\": 1, \"junk\": [" + String(repeating: "0,", count: 8_000_000) + "0]}"
        try zeros.write(toFile: session.directory! + "/zeros.json", atomically: false, encoding: .utf8)
        guard case .error(let e)? = session.run("load file=zeros.json").first else { return XCTFail() }
        XCTAssertTrue(e.hasPrefix("zeros.json holds more values than a saved nnlab session can"), e)

        let json = #"{"a": "x\"y:[1,2]", "b": [1, 2.5e-3, true, null, {"c": []}], "d": "\\"}"#
        XCTAssertEqual(Array(json.utf8).withUnsafeBytes { SessionFile.valueCount($0, stoppingAbove: 100) }, 10)
        let record = #"{"deadFraction":0,"epoch":1,"gradientNorm":0,"testAccuracy":0,"testLoss":0,"trainAccuracy":0,"trainLoss":0}"#
        let history = #"{"records":["# + Array(repeating: record, count: 200_000).joined(separator: ",") + "]}"
        let count = Array(history.utf8).withUnsafeBytes { SessionFile.valueCount($0, stoppingAbove: .max) }
        XCTAssertEqual(count, 2 + 8 * 200_000)
        XCTAssertLessThan(count - SessionFile.largestValueCount(bytes: 0), SessionFile.largestValueCount(bytes: history.utf8.count) - SessionFile.largestValueCount(bytes: 0))
    }

    /// Losses as large or as small as a Double holds are what training can record: they load and plot.
    func testExtremeButPossibleLossesLoadAndPlot() throws {
        for loss in [1.7e308, 1e-320, 0] {
            let got = try load { file in
                for i in 0..<5 {
                    for key in ["trainLoss", "testLoss"] { file = Self.set(loss, at: ["training", "history", "records", i, key], in: file) as! [String: Any] }
                }
            }
            XCTAssertEqual(got, "loaded", "\(loss)")
            for line in ["plot loss", "status", "data info", "plot"] {
                let out = session.run(line)
                XCTAssertFalse(out.contains { if case .error = $0 { return true } else { return false } }, "\(loss) \(line): \(out)")
            }
        }
    }

    /// 200,000 features (876 MB for `status` before) are refused from their count, before any network or data is built.
    func testTooManyFeaturesAreRefusedBeforeAnythingIsBuilt() throws {
        XCTAssertEqual(try edited(["loaded", "features"], (0..<200_000).map { "f\($0)" }), "edited.json is damaged: 200000 features; nnlab takes from 2 to \(Limits.features)")
        XCTAssertEqual(try edited(["loaded", "features"], ["a"]), "edited.json is damaged: 1 features; nnlab takes from 2 to \(Limits.features)")
    }

    /// Code or terminal escapes smuggled in a name: refused, so they cannot reach a terminal, a transcript, an SVG or a script.
    func testNamesWithControlCharactersAreRefused() throws {
        let payloads = ["p1.csv\nimport os; os.system('touch pwned')\n#.csv", "\u{1B}]0;pwned\u{07}.csv", "a\u{1B}[2J.csv",
                        "x\u{202E}vsc.csv", String(repeating: "long ", count: 100) + ".csv"]
        let fields: [([Any], String)] = [(["loaded", "source", "file"], "the file name"), (["loaded", "source", "labelColumn"], "the label column"),
                                         (["loaded", "source", "classes", 0], "a class name"), (["loaded", "features", 1], "a feature name")]
        for payload in payloads {
            for (path, what) in fields {
                let got = try edited(path, payload)
                // The file name also fails the file= key's own check (no control characters, .csv), with its own words.
                XCTAssertTrue(got == "edited.json is damaged: \(what) holds control characters or is too long"
                              || (path.last as? String == "file" && got.hasPrefix("edited.json is damaged: file must be")),
                              "\(path) = \(payload.debugDescription): \(got)")
                XCTAssertFalse(got.unicodeScalars.contains(where: CommandError.hidden), got.debugDescription)
            }
        }
        XCTAssertEqual(try edited(["loaded", "source", "label"], "\u{1B}[2J"), "edited.json is damaged: label holds control characters or is too long")
    }

    /// A history is capped as training caps it (`Limits.history`): a file with more epochs is refused by its
    /// count, and `train continue` past the cap is refused, so what a session saves it loads again.
    func testAHistoryIsCappedInTheFileAndInTraining() throws {
        let records = (((saved["training"] as! [String: Any])["history"] as! [String: Any])["records"] as! [Any])
        XCTAssertEqual(try edited(["training", "history", "records"], Array(repeating: records[0], count: Limits.history + 1)),
                       "edited.json is damaged: history: \(Limits.history + 1) epochs; a session keeps at most \(Limits.history)")
        let s = Session.forReplay()
        defer { s.removeScratch() }
        for line in ["data circles n=20", "model linear", "train epochs=\(Limits.history - 1) lr=0.01"] { _ = s.run(line) }
        XCTAssertEqual(s.run("train continue epochs=2"), [.error("the history would hold \(Limits.history + 1) epochs; "
                                                                 + "a session keeps at most \(Limits.history) (type `train` to start afresh)")])
        XCTAssertEqual(s.run?.history.records.count, Limits.history - 1, "nothing trained")
        _ = s.run("train continue epochs=1")
        XCTAssertEqual(s.run?.history.records.count, Limits.history)
        for line in ["save file=full.json", "load file=full.json"] {
            XCTAssertFalse(FileFuzzTests.failed(s.run(line)), line)
        }
        XCTAssertEqual(s.run?.history.records.count, Limits.history)
    }
}
