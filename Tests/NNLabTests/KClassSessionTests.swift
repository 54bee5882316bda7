import XCTest
import Foundation
@testable import NNLab
import NNCore

/// Three classes and more through the commands a learner types: a loaded CSV with text labels, the
/// softmax model, evaluate's k × k confusion (text and JSON), save and load.
final class KClassSessionTests: XCTestCase {
    /// Three blobs of 40 points in 3 features, labels as text in an order that is not the sorted one.
    static let threeBlobs: String = {
        var rng = RandomState(seed: 7)
        let names = ["virginica", "setosa", "versicolor"], centres: [[Double]] = [[0, 0, 0], [3, 0, 1], [0, 3, -1]]
        return "f1,f2,f3,species\n" + (0..<120).map { i in
            let c = i % 3
            return centres[c].map { "\($0 + 0.6 * rng.normal())" }.joined(separator: ",") + ",\(names[c])"
        }.joined(separator: "\n") + "\n"
    }()

    func session(_ csv: String = threeBlobs) throws -> Session {
        let s = Session.forReplay()
        try csv.write(toFile: s.directory! + "/three.csv", atomically: true, encoding: .utf8)
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

    func testThreeTextClassesLoadTrainAndEvaluate() throws {
        let s = try session()
        defer { s.removeScratch() }
        let loaded = text(s, "data load file=three.csv")
        XCTAssertTrue(loaded.contains("classes 40 / 40 / 40"), loaded)
        XCTAssertTrue(loaded.contains("label: species (setosa → 0, versicolor → 1, virginica → 2)"), loaded)
        XCTAssertEqual(s.data!.prepared.dataset.classNames, ["setosa", "versicolor", "virginica"])
        XCTAssertTrue(text(s, "model dense8 relu").contains("dense(3→8) · relu · dense(8→3) · softmax (59 parameters)"))
        let trained = text(s, "train lr=0.01 epochs=100")
        XCTAssertTrue(trained.contains("trained dense(3→8) · relu · dense(8→3) · softmax"), trained)
        let evaluation = text(s, "evaluate")
        for part in ["chance: loss 1.099 (log 3)", "class       recall train", "setosa", "precision test",
                     "test (actual ↓, predicted →)  setosa  versicolor  virginica"] {
            XCTAssertTrue(evaluation.contains(part), "\(part) in\n\(evaluation)")
        }
        XCTAssertTrue(evaluation.contains("most confused: ") || evaluation.contains("no test errors"), evaluation)
        let json = try JSONSerialization.jsonObject(with: Data(text(s, "evaluate format=json").utf8)) as! [String: Any]
        XCTAssertEqual(json["classes"] as? [String], ["setosa", "versicolor", "virginica"])
        let test = json["test"] as! [String: Any]
        let confusion = test["confusion"] as! [[Int]]
        XCTAssertEqual(confusion.count, 3)
        XCTAssertEqual(confusion.map(\.count), [3, 3, 3])
        XCTAssertEqual(confusion.flatMap { $0 }.reduce(0, +), 24)
        XCTAssertGreaterThanOrEqual(test["accuracy"] as! Double, 0.9)
        XCTAssertEqual((test["recall"] as! [Any]).count, 3)
        XCTAssertEqual((test["precision"] as! [Any]).count, 3)
        let info = try JSONSerialization.jsonObject(with: Data(text(s, "data info format=json").utf8)) as! [String: Any]
        XCTAssertEqual(info["counts"] as? [Int], [40, 40, 40])
        XCTAssertEqual(info["classes"] as? [String], ["setosa", "versicolor", "virginica"])
        XCTAssertTrue(text(s, "data info").contains("class 2 (virginica): 40 points"))
    }

    func testAKClassSessionSurvivesSaveAndLoad() throws {
        let s = try session()
        defer { s.removeScratch() }
        for line in ["data load file=three.csv", "model dense8 relu", "train lr=0.01 epochs=20"] { _ = s.run(line) }
        let before = s.run("evaluate format=json")
        XCTAssertEqual(s.run("save file=three.json"), [.text("saved the session to three.json (20 epochs of training)")])
        try FileManager.default.removeItem(atPath: s.directory! + "/three.csv")
        _ = s.run("data circles")
        let restored = text(s, "load file=three.json")
        XCTAssertTrue(restored.contains("classes 40 / 40 / 40"), restored)
        XCTAssertTrue(restored.contains("softmax"), restored)
        XCTAssertEqual(s.run("evaluate format=json"), before)
        XCTAssertTrue(text(s, "train continue epochs=5").contains("epoch 25"))
    }

    func testSweepShowsPerClassRecallAndTheBestSettingsConfusion() throws {
        let s = try session()
        defer { s.removeScratch() }
        for line in ["data load file=three.csv", "model linear"] { _ = s.run(line) }
        let sweep = text(s, "sweep lr=0.001,0.01 epochs=30 seeds=2")
        for part in ["lowest recall", "the best setting's test points over its 2 seeds",
                     "test (actual ↓, predicted →)  setosa  versicolor  virginica", "median recall: setosa "] {
            XCTAssertTrue(sweep.contains(part), "\(part) in\n\(sweep)")
        }
        XCTAssertTrue(sweep.contains("most confused: ") || sweep.contains("no test errors"), sweep)
        let json = try JSONSerialization.jsonObject(with: Data(text(s, "sweep lr=0.001,0.01 epochs=30 seeds=2 format=json").utf8)) as! [String: Any]
        XCTAssertEqual(json["classes"] as? [String], ["setosa", "versicolor", "virginica"])
        for result in json["results"] as! [[String: Any]] {
            XCTAssertEqual((result["recall"] as! [Any]).count, 3)
            let confusion = result["confusion"] as! [[Int]]
            XCTAssertEqual(confusion.map(\.count), [3, 3, 3])
            XCTAssertEqual(confusion.flatMap { $0 }.reduce(0, +), 2 * 24, "both seeds' test points")
        }
    }
}

final class KClassGeneratedSessionTests: XCTestCase {
    func text(_ s: Session, _ line: String, file: StaticString = #filePath, line l: UInt = #line) -> String {
        let out = s.run(line)
        guard out.count == 1, case .text(let t) = out[0] else {
            XCTFail("expected text from '\(line)', got \(out)", file: file, line: l)
            return ""
        }
        return t
    }

    func testGeneratedKClassSetsThroughTheCommands() throws {
        let s = Session()
        XCTAssertTrue(text(s, "data spiral classes=3").hasPrefix("data: spiral, 198 points (158 train, 40 test), classes 66 / 66 / 66"))
        XCTAssertTrue(text(s, "data blobs classes=4").contains("classes 50 / 50 / 50 / 50"))
        XCTAssertTrue(text(s, "data gauss classes=3").contains("classes 66 / 66 / 66"))
        XCTAssertTrue(text(s, "data circles classes=3 flip=0.1").contains(", 16 training labels flipped"))
        let info = text(s, "data info")
        XCTAssertTrue(info.hasPrefix("data: circles, 198 points, 3 classes, noise 0.2, seed 42"), info)
        XCTAssertTrue(info.contains("class 2: 64 points (51 train, 13 test)"), info)
        let json = try JSONSerialization.jsonObject(with: Data(text(s, "data info format=json").utf8)) as! [String: Any]
        XCTAssertEqual(json["classes"] as? [String], ["0", "1", "2"])
        XCTAssertEqual((json["counts"] as? [Int])?.count, 3)
        XCTAssertTrue(text(s, "data spiral classes=3 imbalance=0.5").contains("classes 66 / 33 / 33"))
        XCTAssertTrue(text(s, "data moons classes=3").contains("classes 66 / 66 / 66"))
        guard case .error(let e)? = s.run("data xor classes=3").first else { return XCTFail("xor took classes=") }
        XCTAssertTrue(e.contains("classes"), e)
    }

    func testTheSpiralOfThreeArmsNeedsAHiddenLayerAndSavesAndLoads() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        _ = s.run("data spiral classes=3")
        _ = s.run("model linear")
        let linear = try JSONSerialization.jsonObject(with: Data({ _ = s.run("train lr=0.01 epochs=200"); return text(s, "evaluate format=json") }().utf8)) as! [String: Any]
        XCTAssertLessThan((linear["test"] as! [String: Any])["accuracy"] as! Double, 0.75, "a line per class cannot follow three arms")
        _ = s.run("model dense32 relu dense32 relu")
        _ = s.run("train lr=0.01 epochs=300")
        let evaluation = text(s, "evaluate format=json")
        let deep = try JSONSerialization.jsonObject(with: Data(evaluation.utf8)) as! [String: Any]
        XCTAssertGreaterThanOrEqual((deep["test"] as! [String: Any])["accuracy"] as! Double, 0.9)
        XCTAssertEqual(s.run("save file=spiral3.json").count, 1)
        _ = s.run("data circles")
        XCTAssertTrue(text(s, "load file=spiral3.json").contains("classes 66 / 66 / 66"))
        XCTAssertEqual(text(s, "evaluate format=json"), evaluation)
        XCTAssertTrue(text(s, "export data file=spiral3.csv").hasPrefix("wrote 198 rows"))
        XCTAssertTrue(text(s, "data load file=spiral3.csv").contains("classes 66 / 66 / 66"))
    }
}
