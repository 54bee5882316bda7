import XCTest
@testable import NNLab

/// The error budget's variance row cites a learning curve of the same run (issue 16), and `diagnose verify` runs a
/// quick one when variance is the largest part of the missing accuracy.
final class BudgetCurveTests: XCTestCase {
    /// What a command printed (a failed command fails the test).
    func text(_ s: Session, _ line: String, file: StaticString = #filePath, line l: UInt = #line) -> String {
        if case .text(let t)? = s.run(line).first { return t }
        XCTFail("no text from '\(line)'", file: file, line: l)
        return ""
    }

    func varianceRow(_ report: String) -> String? {
        report.split(separator: "\n").first { $0.hasPrefix("  variance (train/unseen gap)") }.map(String.init)
    }

    /// A wide model on a few rows of a clean spiral: the gap between train (100%) and rows it never saw (85% in
    /// cross-validation) is the largest row, 15% of the 22.5% missing.
    func overfitting() -> Session {
        let s = Session()
        for line in ["data spiral n=80 test=0.5 seed=7", "model dense64 relu dense64 relu", "train lr=0.01 epochs=300"] {
            _ = text(s, line)
        }
        return s
    }

    func testTheVarianceRowCitesACurveOfThisRunOnly() throws {
        let s = overfitting()
        XCTAssertFalse(text(s, "diagnose").contains("curve:"), "no curve run yet")
        _ = text(s, "curve sizes=0.25,0.5,1 seeds=2")
        let row = try XCTUnwrap(varianceRow(text(s, "diagnose")))
        XCTAssertTrue(row.contains("; curve: "), row)
        XCTAssertNotNil(row.range(of: #"\(test \d+(\.\d)?% -> \d+(\.\d)?% from 25% to 100% of the rows, 2 seeds\)"#, options: .regularExpression), row)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text(s, "diagnose format=json").utf8)) as? [String: Any])
        let curve = try XCTUnwrap((json["budget"] as? [String: Any])?["curve"] as? [String: Any])
        XCTAssertEqual(curve["sizes"] as? [Double], [0.25, 0.5, 1])
        XCTAssertTrue(["more-data-helps", "flat", "unclear"].contains(curve["verdict"] as? String ?? ""))
        // Other settings: the curve trained something else, and is not cited.
        _ = text(s, "train lr=0.01 epochs=200")
        XCTAssertFalse(text(s, "diagnose").contains("curve:"))
        // New data drops it.
        _ = text(s, "train lr=0.01 epochs=300")
        XCTAssertTrue(text(s, "diagnose").contains("curve:"), "the same settings again: the same curve")
        _ = text(s, "data spiral n=80 test=0.5 seed=8")
        _ = text(s, "train lr=0.01 epochs=300")
        XCTAssertFalse(text(s, "diagnose").contains("curve:"))
    }

    func testVerifyRunsAQuickCurveWhenVarianceIsTheLargestRow() throws {
        let s = overfitting()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text(s, "diagnose format=json").utf8)) as? [String: Any])
        let rows = try XCTUnwrap((json["budget"] as? [String: Any])?["rows"] as? [[String: Any]])
        let largest = rows.filter { $0["key"] as? String != "unexplained" }.max { ($0["share"] as! Double) < ($1["share"] as! Double) }
        XCTAssertEqual(largest?["key"] as? String, "variance", "\(rows)")
        let report = text(s, "diagnose verify")
        XCTAssertTrue(report.contains("variance is the largest part of the missing accuracy, so verify trained a quick learning curve "
                                      + "(50% and 100% of the training rows, 3 seeds each): "), report)
        let row = try XCTUnwrap(varianceRow(report))
        XCTAssertTrue(row.contains("; curve: ") && row.contains("from 50% to 100% of the rows, 3 seeds)"), row)
        // Kept: a second verify cites it without training it again.
        XCTAssertFalse(text(s, "diagnose verify").contains("verify trained a quick learning curve"))
        XCTAssertTrue(varianceRow(text(s, "diagnose"))?.contains("curve:") == true)
    }

    func testNoQuickCurveWhenVarianceIsNotTheLargestRow() {
        let s = Session()
        for line in ["data circles", "model linear", "train lr=0.01 epochs=50"] { _ = text(s, line) }
        let report = text(s, "diagnose verify")
        XCTAssertFalse(report.contains("learning curve"), report)
        XCTAssertFalse(report.contains("curve:"), report)
    }
}
