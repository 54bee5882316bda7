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

    func testExportedFilesKeepTheirSplitAndIndexIsSkipped() throws {
        let t = try load("index,x1,x2,label,split\n0,1,2,0,train\n1,3,4,1,test\n2,5,6,1,train\n")
        XCTAssertEqual(t.dataset.featureNames, ["x1", "x2"])
        XCTAssertEqual(t.split, Split(train: [0, 2], test: [1]))
    }

    func testErrorsNameTheLineAndColumn() {
        XCTAssertEqual(message("a,b,label\n1,2,0\n1,x,1\n"), "my.csv:3: column b: 'x' is not a number")
        XCTAssertEqual(message("a,b,label\n1,,0\n"), "my.csv:2: column b is empty")
        XCTAssertEqual(message("a,b,label\n1,2\n"), "my.csv:2: 2 values, the header has 3")
        XCTAssertEqual(message("a,b,label\n1,2,0\n1,2,1\n1,2,2\n"),
                       "my.csv: the label column label has 3 different values (0, 1, 2); nnlab needs exactly two classes")
        XCTAssertEqual(message("a,label\n1,0\n"), "my.csv:1: needs at least two numeric feature columns besides the label 'label'")
        XCTAssertEqual(message(""), "my.csv: the file is empty")
        XCTAssertEqual(message("a,b,label\n"), "my.csv: no rows after the header")
        XCTAssertEqual(message("a,b,c\n1,2,0\n", label: "lable"), "my.csv:1: no column 'lable' (columns: a, b, c)")
        XCTAssertEqual(message("a,b,label\n1,nan,0\n"), "my.csv:2: column b: 'nan' is not a number")
    }
}
