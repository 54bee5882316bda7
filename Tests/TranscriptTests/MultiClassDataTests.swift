import Foundation
import XCTest

/// The data sets learners reach for first, loaded through the `nnlab` binary as a learner would
/// (Fixtures/README.md says where they come from), holding issue 14's accuracy targets: iris and wine
/// (3 classes), digits (10 classes, 64 features).
final class MultiClassDataTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// Test accuracy after `data load`, `model`, `train` and `evaluate format=json`, and the JSON's classes.
    func testAccuracy(_ file: String, model: String, train: String = "train") throws -> (accuracy: Double, classes: [String], stdout: String) {
        let r = try Executable.run(input: ["data load file=\(Self.fixtures)/\(file)", model, train, "evaluate", "evaluate format=json"]
            .joined(separator: "\n") + "\n")
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 0)
        let line = r.stdout.split(separator: "\n").last { $0.hasPrefix("{") }!
        let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        return ((json["test"] as! [String: Any])["accuracy"] as! Double, json["classes"] as! [String], r.stdout)
    }

    func testIrisWithAHiddenLayerAndLinear() throws {
        let dense = try testAccuracy("iris.csv", model: "model dense16 relu")
        XCTAssertGreaterThanOrEqual(dense.accuracy, 0.9)
        XCTAssertEqual(dense.classes, ["setosa", "versicolor", "virginica"])
        XCTAssertTrue(dense.stdout.contains("label: species (setosa → 0, versicolor → 1, virginica → 2)"), dense.stdout)
        XCTAssertTrue(dense.stdout.contains("test (actual ↓, predicted →)  setosa  versicolor  virginica"), dense.stdout)
        XCTAssertGreaterThanOrEqual(try testAccuracy("iris.csv", model: "model linear").accuracy, 0.85)
    }

    func testWine() throws {
        XCTAssertGreaterThanOrEqual(try testAccuracy("wine.csv", model: "model dense16 relu").accuracy, 0.9)
    }

    /// 64 features and 10 classes; 100 epochs are enough here (500, the default, gets 97.8%).
    func testDigits() throws {
        let digits = try testAccuracy("digits.csv", model: "model dense64 relu", train: "train epochs=100")
        XCTAssertGreaterThanOrEqual(digits.accuracy, 0.9)
        XCTAssertEqual(digits.classes, (0...9).map(String.init))
        XCTAssertTrue(digits.stdout.contains("features: p00, p01, p02, p03, p04, p05, ..., p77 (64 features); label: digit"), digits.stdout)
        XCTAssertTrue(digits.stdout.contains("chance: loss 2.303 (log 10)"), digits.stdout)
    }
}
