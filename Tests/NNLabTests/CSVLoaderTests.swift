import XCTest
@testable import NNLab
import NNCore

/// Your own data in: numeric features, one two-class label column, errors by line and column.
final class CSVLoaderTests: XCTestCase {
    func load(_ text: String, label: String? = nil) throws -> LoadedTable {
        try CSVLoader.load(text, file: "my.csv", label: label)
    }

    func message(_ text: String, label: String? = nil) -> String {
        do {
            _ = try load(text, label: label)
            return "no error"
        } catch {
            return (error as! CommandError).message
        }
    }

    func testTextLabelsAreMappedAndReported() throws {
        let t = try load("height,weight,animal\n1.5,3,dog\n0.3,4e-1,cat\n2,5,dog\n")
        XCTAssertEqual(t.classes, ["cat", "dog"])
        XCTAssertEqual(t.dataset.y, [1, 0, 1])
        XCTAssertEqual(t.dataset.x, [1.5, 3, 0.3, 0.4, 2, 5])
        XCTAssertEqual(t.dataset.featureNames, ["height", "weight"])
        XCTAssertEqual(t.labelColumn, "animal")
        XCTAssertNil(t.split)
    }

    func testTheLabelColumnIsFoundByNameOrChosen() throws {
        XCTAssertEqual(try load("label,a,b\n0,1,2\n1,3,4\n").dataset.x, [1, 2, 3, 4])
        let chosen = try load("a,b,c,d\n1,2,0,9\n3,4,1,9\n", label: "c")
        XCTAssertEqual(chosen.dataset.featureNames, ["a", "b", "d"])
        XCTAssertEqual(chosen.dataset.y, [0, 1])
    }

    func testExportedFilesKeepTheirSplitAndOrder() throws {
        let t = try load("index,x1,x2,label,split\n1,3,4,1,test\n2,5,6,1,train\n0,1,2,0,train\n")
        XCTAssertEqual(t.dataset.featureNames, ["x1", "x2"])
        XCTAssertEqual(t.dataset.x, [1, 2, 3, 4, 5, 6], "rows go back to their index")
        XCTAssertEqual(t.split, Split(train: [2, 0], test: [1]), "the split keeps the file's order")
        let plain = try load("index,x1,x2,label\n5,1,2,0\n7,3,4,1\n")
        XCTAssertEqual(plain.dataset.x, [1, 2, 3, 4], "an index that is not 0..<n is only skipped")
    }

    func testErrorsNameTheLineAndColumn() {
        XCTAssertEqual(message("a,b,label\n1,2,0\n1,x,1\n"), "my.csv:3: column b: 'x' is not a number")
        XCTAssertEqual(message("a,b,label\n1,,0\n"), "my.csv:2: column b is empty")
        XCTAssertEqual(message("a,b,label\n1,2\n"), "my.csv:2: 2 values, the header has 3")
        XCTAssertEqual(message("a,b,label\n1,2,0\n1,2,0\n"),
                       "my.csv: the label column label has 1 different value (0); nnlab needs from 2 to 20 classes")
        XCTAssertEqual(message("a,b,label\n" + (0..<21).map { "1,2,c\($0)\n" }.joined()),
                       "my.csv: the label column label has 21 different values (c0, c1, c10, c11, c12, ...); nnlab needs from 2 to 20 classes")
        XCTAssertEqual(message("a,label\n1,0\n"), "my.csv:1: needs at least two numeric feature columns besides the label 'label'")
        XCTAssertEqual(message(""), "my.csv: the file is empty")
        XCTAssertEqual(message("a,b,label\n"), "my.csv: no rows after the header")
        XCTAssertEqual(message("a,b,c\n1,2,0\n", label: "lable"), "my.csv:1: no column 'lable' (columns: a, b, c)")
        XCTAssertEqual(message("a,b,label\n1,nan,0\n"), "my.csv:2: column b: 'nan' is not a number")
    }

    /// 64 feature columns (digits' 8 × 8 pixels) load; one more is refused by name.
    func testSixtyFourFeatureColumnsLoadAndSixtyFiveAreRefused() throws {
        func table(_ d: Int) -> String {
            let header = (0..<d).map { "p\($0)" } + ["label"]
            let rows = (0..<3).map { r in ((0..<d).map { "\(r + $0)" } + ["\(r % 2)"]).joined(separator: ",") }
            return ([header.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
        }
        let t = try load(table(64))
        XCTAssertEqual(t.dataset.features, 64)
        XCTAssertEqual(t.dataset.x[64 + 63], 64, "row 1, column p63")
        XCTAssertEqual(message(table(65)), "my.csv:1: at most 64 feature columns")
    }
}

/// `export data` then `data load` gives back the same data and split; `save`/`load` keep loaded rows.
final class DataLoadTests: XCTestCase {
    func testExportThenLoadGivesBackTheSameDataAndSplit() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        _ = s.run("data spiral noise=0.1 seed=3 test=0.3")
        let before = s.data!.prepared
        XCTAssertEqual(s.run("export data file=spiral.csv"), [.text("wrote 200 rows to spiral.csv")])
        guard case .text(let loaded)? = s.run("data load file=spiral.csv").first else { return XCTFail() }
        XCTAssertTrue(loaded.hasPrefix("data: spiral.csv, 200 points (140 train, 60 test)"), loaded)
        XCTAssertEqual(s.data!.prepared.dataset.x, before.dataset.x)
        XCTAssertEqual(s.data!.prepared.dataset.y, before.dataset.y)
        XCTAssertEqual(s.data!.prepared.split, before.split)
        XCTAssertEqual(s.data!.prepared.scaler, before.scaler)
    }

    func testLoadedDataTrainsPlotsAndSurvivesSaveAndLoad() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        let csv = "a,b,c,kind\n" + (0..<40).map { i in
            let x = Double(i % 7), y = Double(i % 5), z = Double(i % 3)
            return "\(x),\(y),\(z),\(x + y > 5 ? "big" : "small")"
        }.joined(separator: "\n") + "\n"
        try csv.write(toFile: s.directory! + "/mine.csv", atomically: true, encoding: .utf8)
        guard case .text(let loaded)? = s.run("data load file=mine.csv test=0.25").first else { return XCTFail() }
        XCTAssertTrue(loaded.contains("label: kind (big → 0, small → 1)"), loaded)
        XCTAssertEqual(s.run("model dense8 relu").count, 1)
        guard case .text(let trained)? = s.run("train lr=0.05 epochs=50").first else { return XCTFail() }
        XCTAssertTrue(trained.contains("dense(3→8)"), trained)
        guard case .text(let picture)? = s.run("plot").first else { return XCTFail() }
        XCTAssertTrue(picture.contains("decision boundary"), picture)
        let evaluation = s.run("evaluate format=json")
        _ = s.run("save file=mine.json")
        try FileManager.default.removeItem(atPath: s.directory! + "/mine.csv")
        _ = s.run("data circles")
        guard case .text(let restored)? = s.run("load file=mine.json").first else { return XCTFail() }
        XCTAssertTrue(restored.contains("data: mine.csv, 40 points (30 train, 10 test)"), restored)
        XCTAssertEqual(s.run("evaluate format=json"), evaluation, "the saved rows come back without the CSV file")
    }
}

final class CSVLineNumberTests: XCTestCase {
    func testARowWithTheWrongNumberOfValuesIsNamedByItsOwnLine() {
        for (text, expected) in [("x1,x2,label\n1,2,0\n3,4,1\n5,6,0,9\n", "my.csv:4: 4 values, the header has 3"),
                                 ("x1,x2,label\n1,2,0\n3,4,1\n5,6\n", "my.csv:4: 2 values, the header has 3"),
                                 ("x1,x2,label\n1,2,0\n\"3,5\",4,1\n", "my.csv:3: column x1: '3,5' is not a number")] {
            do {
                _ = try CSVLoader.load(text, file: "my.csv", label: nil)
                XCTFail("no error for \(text)")
            } catch {
                XCTAssertEqual((error as! CommandError).message, expected)
            }
        }
    }
}
