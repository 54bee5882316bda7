import Foundation
import XCTest

/// Issue 16 through the real interface, as a script piped into `nnlab`: plot units, the hidden-representation
/// note, curve and compare, their JSON lines and their errors.
final class InsideTheNetworkTests: XCTestCase {
    func json(_ line: Substring) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    func testPlotUnitsAndTheSeparabilityNote() throws {
        let r = try Executable.run(input: """
            data circles
            model dense16 relu
            train lr=0.01
            plot units
            plot units layer=2
            plot loss layer=1
            diagnose format=json
            help plot
            model linear
            train epochs=5
            plot units
            """, environment: ["COLUMNS": "80"])
        let out = r.stdout
        for k in 1...16 { XCTAssertTrue(out.contains("layer 1 unit \(k)"), "unit \(k)") }
        XCTAssertTrue(out.contains("+ class 1") && out.contains("- class 0"))
        XCTAssertEqual(r.stderr.split(separator: "\n"), [
            "error: the model has 1 hidden layer: layer= goes from 1 to 1",
            "error: layer= belongs to plot units",
            "error: model linear has no hidden units to draw: type `model dense16 relu`, then `train`",
        ])
        let line = out.split(separator: "\n").first { $0.hasPrefix("{\"budget\"") }!
        let findings = try json(line)["findings"] as! [[String: Any]]
        let note = findings.first { $0["id"] as? String == "hidden-representation" }!
        XCTAssertEqual(note["severity"] as? String, "note")
        let evidence = note["evidence"] as! [String: Any]
        XCTAssertEqual(evidence["layer"] as? Int, 1)
        XCTAssertEqual(evidence["separable"] as? Bool, true)
        XCTAssertEqual(evidence["input_separable"] as? Bool, false)
        XCTAssertTrue(out.contains("plot units draws one small map per unit of a hidden layer"), "help plot says how to read them")
    }

    func testCompareTheLearningRatesOfExampleThree() throws {
        let r = try Executable.run(input: """
            data circles
            model dense16 relu
            compare lr=0.001,0.01 format=json
            compare lr=0.001,0.01 epochs=50
            compare lr=0.01
            compare lr=0.001,0.01 batch=16,32
            compare lr=0.1,0.01,0.001,0.0001,1
            """)
        let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("{\"key\"") }!
        let j = try json(line)
        XCTAssertEqual(j["key"] as? String, "lr")
        let runs = j["runs"] as! [[String: Any]]
        XCTAssertEqual(runs.map { $0["value"] as? Double }, [0.001, 0.01])
        let slow = runs[0]["epoch_train_99"] as! Int, fast = runs[1]["epoch_train_99"] as! Int
        XCTAssertLessThan(fast, slow, "lr 0.01 reaches 99% on train sooner")
        XCTAssertEqual(j["first_to_train_99"] as? Double, 0.01)
        for run in runs {
            for key in ["train", "test", "train_loss", "test_loss"] { XCTAssertNotNil(run[key] as? Double, key) }
            XCTAssertNotNil(run["best_test_epoch"] as? Int)
        }
        XCTAssertTrue(r.stdout.contains("99% train at"))
        XCTAssertTrue(r.stdout.contains("lr 0.001 train loss") && r.stdout.contains("lr 0.01 train loss"), "a legend")
        XCTAssertTrue(r.stdout.contains("never"), "50 epochs at lr 0.001 never reach 99%")
        XCTAssertEqual(r.stderr.split(separator: "\n"), [
            "error: compare needs one setting with 2 to 4 values, e.g. compare lr=0.001,0.01",
            "error: compare varies one setting at a time (lr and batch both have several values); sweep tries combinations",
            "error: compare draws at most 4 runs together (lr= has 5 values); sweep takes more",
        ])
    }

    /// Three classes (issue 14): plot units names the class each unit pushes toward, and the note says which
    /// classes a line splits off on the raw inputs and on the hidden layer's outputs. Iris: only setosa on the
    /// inputs, every class on the 16 units' outputs; the three-arm spiral: no arm on the inputs, two on the outputs.
    func testPlotUnitsAndTheSeparabilityNoteForThreeClasses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inside-k-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Executable.run(input: """
            data load file=\(MultiClassDataTests.fixtures)/iris.csv
            model dense16 relu
            train lr=0.01 epochs=300
            plot units
            plot units file=\(folder.path)/units.svg
            diagnose format=json
            diagnose
            data spiral classes=3
            train lr=0.01 epochs=500
            plot units
            diagnose format=json
            diagnose
            """, environment: ["COLUMNS": "80"])
        XCTAssertEqual(r.stderr, "")
        let out = r.stdout
        for name in ["setosa", "versicolor", "virginica", "class 0", "class 1", "class 2"] {
            XCTAssertTrue(out.contains("+ \(name)"), "a unit pushing toward \(name)")
        }
        XCTAssertFalse(out.contains("- class 0"), "no two-class captions")
        XCTAssertTrue(out.contains("+ a class: more of the unit pushes the output toward that class more than toward"))
        let svg = try String(contentsOf: folder.appendingPathComponent("units.svg"))
        XCTAssertTrue(svg.contains("<title>layer 1 unit 1: pushes toward "), svg.prefix(600).description)
        let notes = try out.split(separator: "\n").filter { $0.hasPrefix("{\"budget\"") }.map { line -> [String: Any] in
            let findings = try json(line)["findings"] as! [[String: Any]]
            return try XCTUnwrap(findings.first { $0["id"] as? String == "hidden-representation" }, "\(line)")
        }
        XCTAssertEqual(notes.count, 2)
        for (note, (inputs, outputs)) in zip(notes, [(1, 3), (0, 2)]) {
            let evidence = note["evidence"] as! [String: Any]
            XCTAssertEqual(note["headline"] as? String, "the 16 units of layer 1 make the 3 classes separable by straight boundaries (exact test)")
            XCTAssertEqual(evidence["separable"] as? Bool, true)
            XCTAssertEqual(evidence["input_separable"] as? Bool, false)
            XCTAssertEqual(evidence["classes_split_off"] as? Int, outputs)
            XCTAssertEqual(evidence["input_classes_split_off"] as? Int, inputs)
        }
        XCTAssertTrue(out.contains("on the raw inputs a straight line splits setosa off from the rest; none splits off versicolor or virginica"), out)
        XCTAssertTrue(out.contains("on the raw inputs no straight line splits any class off from the rest"), out)
        XCTAssertTrue(out.contains("on its outputs a straight line splits each class off from the rest"), out)
    }

    func testCurveJSONAndSVG() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Executable.run(input: """
            data circles
            model dense16 relu
            train lr=0.01 epochs=100
            curve format=json
            curve sizes=0.5 seeds=1
            curve sizes=0.5,1 seeds=1 file=\(folder.path)/curve.svg
            compare lr=0.001,0.01 epochs=30 file=\(folder.path)/lr.svg
            plot units file=\(folder.path)/units.svg
            """)
        let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("{\"sizes\"") }!
        let j = try json(line)
        XCTAssertEqual(j["sizes"] as? [Double], [0.1, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual((j["train"] as? [Double])?.count, 5)
        XCTAssertEqual((j["test"] as? [Double])?.count, 5)
        XCTAssertTrue(["more-data-helps", "flat", "unclear"].contains(j["verdict"] as? String ?? ""))
        XCTAssertEqual(r.stderr, "error: a curve needs at least two sizes, e.g. sizes=0.5,1\n")
        let curve = try String(contentsOf: folder.appendingPathComponent("curve.svg"))
        XCTAssertTrue(curve.contains("class=\"series train\"") && curve.contains("class=\"series test\""))
        XCTAssertTrue(curve.contains("class=\"band train\"") && curve.contains("class=\"band test\""))
        let lr = try String(contentsOf: folder.appendingPathComponent("lr.svg"))
        XCTAssertTrue(lr.contains("class=\"series run1\"") && lr.contains("class=\"series run2\""))
        XCTAssertTrue(lr.contains("stroke-dasharray=\"8 4\""), "the second run is dashed")
        let units = try String(contentsOf: folder.appendingPathComponent("units.svg"))
        XCTAssertTrue(units.contains("<title>layer 1 unit 3: pushes toward class"))
    }
}
