import XCTest
@testable import NNLab

/// The command language as a learner meets it: commands in order, and one clear line for bad input.
final class SessionTests: XCTestCase {
    func text(_ s: Session, _ line: String, file: StaticString = #filePath, line l: UInt = #line) -> String {
        let out = s.run(line)
        guard out.count == 1, case .text(let t) = out[0] else {
            XCTFail("expected text from '\(line)', got \(out)", file: file, line: l)
            return ""
        }
        return t
    }

    func error(_ s: Session, _ line: String, file: StaticString = #filePath, line l: UInt = #line) -> String {
        let out = s.run(line)
        guard out.count == 1, case .error(let e) = out[0] else {
            XCTFail("expected an error from '\(line)', got \(out)", file: file, line: l)
            return ""
        }
        // One line of message, and when it is about a word, the line with a caret under that word.
        let parts = e.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(parts.count == 1 || parts.count == 3 && parts[1] == "  " + line && parts[2].hasSuffix("^"),
                      "one line of error, then at most a pointer: \(parts)", file: file, line: l)
        return parts[0]
    }

    func trained(_ model: String = "model dense16 relu", epochs: Int = 30) -> Session {
        let s = Session()
        _ = s.run("data circles")
        _ = s.run(model)
        _ = s.run("train lr=0.01 epochs=\(epochs)")
        return s
    }

    func testTheSeedsExampleAtThePrompt() {
        let s = Session()
        XCTAssertEqual(text(s, "data circles"), "data: circles, 200 points (160 train, 40 test), classes 100 / 100")
        XCTAssertEqual(text(s, "model dense16 relu"), "model: dense(2→16) · relu · dense(16→1) · sigmoid (65 parameters)")
        let report = text(s, "train lr=0.01 epochs=60")
        XCTAssertTrue(report.hasPrefix("trained dense(2→16) · relu · dense(16→1) · sigmoid: adam, lr 0.01, batch 32, seed 0"), report)
        XCTAssertTrue(report.contains("epoch 60: loss"), report)
        XCTAssertEqual(s.run?.history.records.count, 60)
        XCTAssertGreaterThan(s.run!.history.last!.trainAccuracy, 0.9)
        XCTAssertTrue(text(s, "status").contains("trained: 60 epochs, adam lr 0.01 batch 32 seed 0"))
    }

    func testEvaluateJSONHasTheDesignShape() throws {
        let s = trained()
        let line = text(s, "evaluate format=json")
        XCTAssertFalse(line.contains("\n"))
        let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        for split in ["train", "test"] {
            let part = json[split] as! [String: Any]
            XCTAssertNotNil(part["accuracy"] as? Double, split)
            XCTAssertNotNil(part["loss"] as? Double, split)
            XCTAssertEqual(part["n"] as? Int, split == "train" ? 160 : 40)
            let confusion = part["confusion"] as! [[Int]]
            XCTAssertEqual(confusion.flatMap { $0 }.reduce(0, +), split == "train" ? 160 : 40)
            XCTAssertEqual((part["recall"] as! [Any]).count, 2)
        }
        let table = text(s, "evaluate")
        XCTAssertTrue(table.contains("predicted 0") && table.contains("actual 1") && table.contains("recall 0"), table)
    }

    func testDataInfoJSONAndText() throws {
        let s = Session()
        _ = s.run("data circles n=100 seed=3 test=0.3")
        let json = try JSONSerialization.jsonObject(with: Data(text(s, "data info format=json").utf8)) as! [String: Any]
        XCTAssertEqual(json["n"] as? Int, 100)
        XCTAssertEqual(json["train"] as? Int, 70)
        XCTAssertEqual(json["test"] as? Int, 30)
        XCTAssertEqual(json["counts"] as? [Int], [50, 50])
        XCTAssertEqual(json["seed"] as? Int, 3)
        XCTAssertTrue(text(s, "data info").contains("split: 70 train, 30 test"))
    }

    func testExportDataRoundTripsEveryValue() throws {
        let s = Session()
        _ = s.run("data circles noise=0.37 seed=9")
        let path = NSTemporaryDirectory() + "nnlab-export-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(text(s, "export data file=\(path)"), "wrote 200 rows to \(path)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "index,x1,x2,label,split")
        let d = s.data!.prepared.dataset, split = s.data!.prepared.split
        // Rows in split order, each with its dataset index.
        XCTAssertEqual(lines.dropFirst().map { Int($0.split(separator: ",")[0])! }, split.test + split.train)
        for line in lines.dropFirst() {
            let f = line.split(separator: ","), i = Int(f[0])!
            XCTAssertEqual(Double(f[1]), d.x[2 * i])
            XCTAssertEqual(Double(f[2]), d.x[2 * i + 1])
            XCTAssertEqual(Int(f[3]), d.y[i])
            XCTAssertEqual(String(f[4]), split.test.contains(i) ? "test" : "train")
        }
        XCTAssertTrue(error(s, "export data file=/nonexistent-dir/x.csv").hasPrefix("cannot write /nonexistent-dir/x.csv"))
    }

    func testContinueTrainsMoreEpochsOnTheSameWeights() {
        let s = trained(epochs: 10)
        let before = s.run!.network
        XCTAssertTrue(text(s, "train continue epochs=5").hasPrefix("continued"))
        XCTAssertEqual(s.run!.history.records.map(\.epoch), Array(1...15))
        XCTAssertNotEqual(s.run!.network, before)
        XCTAssertEqual(s.run!.config.learningRate, 0.01, "continue keeps the settings")
    }

    func testBadInputGetsOneLineAndTheSessionGoesOn() {
        let s = Session()
        XCTAssertEqual(error(s, "train"), "no data yet: type `data circles` first")
        _ = s.run("data circles")
        XCTAssertTrue(error(s, "train").hasPrefix("no model yet: type `model dense16 relu`"))
        XCTAssertTrue(error(s, "evaluate").hasPrefix("no model yet"))
        _ = s.run("model linear")
        XCTAssertEqual(error(s, "evaluate"), "the model is not trained yet: type `train` first")
        XCTAssertEqual(error(s, "train continue"), "nothing to continue: type `train` first")
        XCTAssertEqual(error(s, "trian"), "unknown command 'trian'; did you mean train? (type help for the list)")
        XCTAssertTrue(error(s, "train lrr=0.1").hasPrefix("train has no key 'lrr'; did you mean lr=?"))
        XCTAssertEqual(error(s, "train epochs=-1"), "epochs must be a whole number from 1 to 100000 (got '-1')")
        XCTAssertEqual(error(s, "train lr=abc"), "lr must be a number above 0 and at most 10 (got 'abc')")
        XCTAssertEqual(error(s, "train lr=0"), "lr must be a number above 0 and at most 10 (got '0')")
        XCTAssertEqual(error(s, "train lr=inf"), "lr must be a number above 0 and at most 10 (got 'inf')")
        XCTAssertEqual(error(s, "data circles noise=nan"), "noise must be a number from 0 to 10 (got 'nan')")
        XCTAssertEqual(error(s, "data circles n=1e12"), "n must be a whole number from 10 to 20000 (got '1e12')")
        XCTAssertEqual(error(s, "train lr="), "lr= needs a value: a number above 0 and at most 10")
        XCTAssertEqual(error(s, "train lr=0.1 lr=0.2"), "lr= is given twice; keep one")
        XCTAssertTrue(error(s, "data cirles").hasPrefix("unknown data 'cirles'; did you mean circles?"))
        XCTAssertTrue(error(s, "data").hasPrefix("data needs one of: circles"))
        XCTAssertTrue(error(s, "model dense16 rleu").hasPrefix("unknown activation 'rleu'; did you mean relu?"))
        XCTAssertEqual(error(s, "model dense0 relu"), "a layer has from 1 to 512 units (got dense0)")
        XCTAssertEqual(error(s, "model dense99999999 relu"), "a layer has from 1 to 512 units (got dense99999999)")
        XCTAssertTrue(error(s, "model dense16").hasPrefix("dense16 needs an activation after it"))
        XCTAssertTrue(error(s, "train optimizer=adma").contains("did you mean adam?"))
        XCTAssertTrue(error(s, "evaluate foo").hasPrefix("evaluate takes no word 'foo'"))
        // After all that, a valid command still works and nothing was lost.
        XCTAssertTrue(text(s, "train epochs=5").contains("epoch 5:"))
        XCTAssertTrue(text(s, "status").contains("model: dense(2→1) · sigmoid"))
    }

    func testTrainingsThatWouldTakeMinutesAreRefusedUpFront() {
        let s = Session()
        _ = s.run("data circles n=20000")
        _ = s.run("model dense512 relu dense512 relu")
        XCTAssertTrue(error(s, "train epochs=100000").contains("of training; the limit is about one minute"))
        XCTAssertNil(s.run, "nothing was trained")
    }

    func testCommentsAndBlankLinesDoNothing() {
        let s = Session()
        XCTAssertEqual(s.run(""), [])
        XCTAssertEqual(s.run("   # just a note"), [])
        XCTAssertEqual(text(s, "data circles # the seed's data").prefix(13), "data: circles")
        XCTAssertEqual(s.run("quit"), [.quit])
    }

    func testNoNaNIsEverShownAfterDivergence() {
        let s = Session()
        _ = s.run("data circles scale=off")
        _ = s.run("model dense16 relu")
        let out = text(s, "train optimizer=sgd lr=10 epochs=200")
        XCTAssertFalse(out.lowercased().contains("nan") || out.contains("inf "), out)
        XCTAssertFalse(text(s, "evaluate").lowercased().contains("nan"))
    }
}
