import Foundation
import XCTest
@testable import NNLab

/// Overfitting judged against the split's own noise (issue 12, item 3): one small test set is a sample, and flipped
/// training labels make the training accuracy look worse than it is.
final class OverfittingSplitTests: XCTestCase {
    /// Fisher's Iris, versicolor against virginica (100 rows, 4 features; public domain, as scikit-learn ships it).
    /// Over 500 random 80/20 splits logistic regression averages 95.2% on test with a 3.1-point gap (issue 12).
    static let iris = "sepal_length,sepal_width,petal_length,petal_width,species\n" + """
        7.0,3.2,4.7,1.4,versicolor 6.4,3.2,4.5,1.5,versicolor 6.9,3.1,4.9,1.5,versicolor 5.5,2.3,4.0,1.3,versicolor
        6.5,2.8,4.6,1.5,versicolor 5.7,2.8,4.5,1.3,versicolor 6.3,3.3,4.7,1.6,versicolor 4.9,2.4,3.3,1.0,versicolor
        6.6,2.9,4.6,1.3,versicolor 5.2,2.7,3.9,1.4,versicolor 5.0,2.0,3.5,1.0,versicolor 5.9,3.0,4.2,1.5,versicolor
        6.0,2.2,4.0,1.0,versicolor 6.1,2.9,4.7,1.4,versicolor 5.6,2.9,3.6,1.3,versicolor 6.7,3.1,4.4,1.4,versicolor
        5.6,3.0,4.5,1.5,versicolor 5.8,2.7,4.1,1.0,versicolor 6.2,2.2,4.5,1.5,versicolor 5.6,2.5,3.9,1.1,versicolor
        5.9,3.2,4.8,1.8,versicolor 6.1,2.8,4.0,1.3,versicolor 6.3,2.5,4.9,1.5,versicolor 6.1,2.8,4.7,1.2,versicolor
        6.4,2.9,4.3,1.3,versicolor 6.6,3.0,4.4,1.4,versicolor 6.8,2.8,4.8,1.4,versicolor 6.7,3.0,5.0,1.7,versicolor
        6.0,2.9,4.5,1.5,versicolor 5.7,2.6,3.5,1.0,versicolor 5.5,2.4,3.8,1.1,versicolor 5.5,2.4,3.7,1.0,versicolor
        5.8,2.7,3.9,1.2,versicolor 6.0,2.7,5.1,1.6,versicolor 5.4,3.0,4.5,1.5,versicolor 6.0,3.4,4.5,1.6,versicolor
        6.7,3.1,4.7,1.5,versicolor 6.3,2.3,4.4,1.3,versicolor 5.6,3.0,4.1,1.3,versicolor 5.5,2.5,4.0,1.3,versicolor
        5.5,2.6,4.4,1.2,versicolor 6.1,3.0,4.6,1.4,versicolor 5.8,2.6,4.0,1.2,versicolor 5.0,2.3,3.3,1.0,versicolor
        5.6,2.7,4.2,1.3,versicolor 5.7,3.0,4.2,1.2,versicolor 5.7,2.9,4.2,1.3,versicolor 6.2,2.9,4.3,1.3,versicolor
        5.1,2.5,3.0,1.1,versicolor 5.7,2.8,4.1,1.3,versicolor 6.3,3.3,6.0,2.5,virginica 5.8,2.7,5.1,1.9,virginica
        7.1,3.0,5.9,2.1,virginica 6.3,2.9,5.6,1.8,virginica 6.5,3.0,5.8,2.2,virginica 7.6,3.0,6.6,2.1,virginica
        4.9,2.5,4.5,1.7,virginica 7.3,2.9,6.3,1.8,virginica 6.7,2.5,5.8,1.8,virginica 7.2,3.6,6.1,2.5,virginica
        6.5,3.2,5.1,2.0,virginica 6.4,2.7,5.3,1.9,virginica 6.8,3.0,5.5,2.1,virginica 5.7,2.5,5.0,2.0,virginica
        5.8,2.8,5.1,2.4,virginica 6.4,3.2,5.3,2.3,virginica 6.5,3.0,5.5,1.8,virginica 7.7,3.8,6.7,2.2,virginica
        7.7,2.6,6.9,2.3,virginica 6.0,2.2,5.0,1.5,virginica 6.9,3.2,5.7,2.3,virginica 5.6,2.8,4.9,2.0,virginica
        7.7,2.8,6.7,2.0,virginica 6.3,2.7,4.9,1.8,virginica 6.7,3.3,5.7,2.1,virginica 7.2,3.2,6.0,1.8,virginica
        6.2,2.8,4.8,1.8,virginica 6.1,3.0,4.9,1.8,virginica 6.4,2.8,5.6,2.1,virginica 7.2,3.0,5.8,1.6,virginica
        7.4,2.8,6.1,1.9,virginica 7.9,3.8,6.4,2.0,virginica 6.4,2.8,5.6,2.2,virginica 6.3,2.8,5.1,1.5,virginica
        6.1,2.6,5.6,1.4,virginica 7.7,3.0,6.1,2.3,virginica 6.3,3.4,5.6,2.4,virginica 6.4,3.1,5.5,1.8,virginica
        6.0,3.0,4.8,1.8,virginica 6.9,3.1,5.4,2.1,virginica 6.7,3.1,5.6,2.4,virginica 6.9,3.1,5.1,2.3,virginica
        5.8,2.7,5.1,1.9,virginica 6.8,3.2,5.9,2.3,virginica 6.7,3.3,5.7,2.5,virginica 6.7,3.0,5.2,2.3,virginica
        6.3,2.5,5.0,1.9,virginica 6.5,3.0,5.2,2.0,virginica 6.2,3.4,5.4,2.3,virginica 5.9,3.0,5.1,1.8,virginica
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: "\n") + "\n"

    func loud(_ lines: [String], in folder: URL) throws -> [String] {
        let session = Session()
        session.directory = folder.path
        for line in lines {
            if case .error(let e)? = session.run(line).first { XCTFail("\(line): \(e)") }
        }
        guard case .text(let json)? = session.run("diagnose format=json").first,
              let top = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let findings = top["findings"] as? [[String: Any]] else { XCTFail("diagnose format=json"); return [] }
        return findings.filter { $0["severity"] as? String != "note" }.compactMap { $0["id"] as? String }
    }

    func testIrisVersicolorAgainstVirginicaIsNotCalledOverfittingOnAnySplit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-iris-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.iris.write(to: folder.appendingPathComponent("iris2.csv"), atomically: true, encoding: .utf8)
        // 20 test points: one unlucky split misses 3 or 4 of them where the model misses 1 of 20 on average.
        for seed in 1...6 {
            let found = try loud(["data load file=iris2.csv label=species test=0.2 seed=\(seed)", "model linear",
                                  "train lr=0.01 epochs=200"], in: folder)
            XCTAssertFalse(found.contains("overfitting"), "split seed \(seed): \(found)")
        }
        // The issue's own split (the default seed, 42): 100% on train and 80% on test after 1000 epochs, 4 misses of 20.
        for train in ["train lr=0.01 epochs=200", "train lr=0.01 epochs=1000", "train"] {
            let found = try loud(["data load file=iris2.csv label=species", "model linear", train], in: folder)
            XCTAssertFalse(found.contains("overfitting"), "\(train): \(found)")
        }
    }

    func testWithFlippedLabelsTheGapIsMeasuredOnFreshPoints() throws {
        // moons with a fifth of the training labels flipped, 80 training points and two layers of 64: the model follows
        // flipped labels, and the gap is measured on 2000 fresh points from the generator, not on 20 test points alone.
        let session = Session()
        for line in ["data moons flip=0.2 n=100", "model dense64 relu dense64 relu", "train lr=0.01 epochs=1000"] {
            if case .error(let e)? = session.run(line).first { XCTFail("\(line): \(e)") }
        }
        guard case .text(let json)? = session.run("diagnose format=json").first,
              let top = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let findings = top["findings"] as? [[String: Any]] else { return XCTFail("diagnose format=json") }
        let overfitting = try XCTUnwrap(findings.first { $0["id"] as? String == "overfitting" })
        let evidence = try XCTUnwrap(overfitting["evidence"] as? [String: Double])
        let population = try XCTUnwrap(evidence["population_accuracy"]), train = try XCTUnwrap(evidence["train_accuracy"])
        XCTAssertGreaterThan(train - population, 0.1)
        // Clean labels have no population to measure against here: the test set is what there is.
        let clean = Session()
        for line in ["data moons n=100", "model dense64 relu dense64 relu", "train lr=0.01 epochs=50"] { _ = clean.run(line) }
        guard case .text(let cleanJSON)? = clean.run("diagnose format=json").first else { return XCTFail("diagnose") }
        XCTAssertFalse(cleanJSON.contains("population_accuracy"))
    }
}
