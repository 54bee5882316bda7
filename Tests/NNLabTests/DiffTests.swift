import XCTest
@testable import NNLab

/// The diff `nnlab check` shows: a shortest edit script (checked against the longest common
/// subsequence on small random texts), linear in the common head and tail, capped in the middle.
final class DiffTests: XCTestCase {
    /// Length of the longest common subsequence, the quadratic way (small inputs only).
    func lcs(_ a: [String], _ b: [String]) -> Int {
        var row = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var diagonal = 0
            for j in 0..<b.count {
                let above = row[j + 1]
                row[j + 1] = x == b[j] ? diagonal + 1 : max(row[j], above)
                diagonal = above
            }
        }
        return row[b.count]
    }

    func testEditsAreShortestAndRebuildBothTexts() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let a = (0..<Int.random(in: 0...30, using: &generator)).map { _ in ["a", "b", "c", "d"].randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...30, using: &generator)).map { _ in ["a", "b", "c", "d"].randomElement(using: &generator)! }
            let (ops, capped) = Diff.edits(a, b)
            XCTAssertFalse(capped)
            XCTAssertEqual(ops.filter { $0.kind != "+" }.map(\.text), a, "\(a) → \(b)")
            XCTAssertEqual(ops.filter { $0.kind != "-" }.map(\.text), b, "\(a) → \(b)")
            XCTAssertEqual(ops.filter { $0.kind != " " }.count, a.count + b.count - 2 * lcs(a, b), "\(a) → \(b)")
            for op in ops {
                if op.kind != "+" { XCTAssertEqual(a[op.aLine], op.text) }
                if op.kind != "-" { XCTAssertEqual(b[op.bLine], op.text) }
            }
        }
    }

    func testAChangedLineIsRemovedThenAdded() {
        let lines = (1...20).map { "line \($0)" }
        var changed = lines
        changed[9] = "new ten"
        XCTAssertEqual(Diff.unified(lines, changed, from: "a", to: "b"), """
            --- a
            +++ b
            @@ -7,7 +7,7 @@
             line 7
             line 8
             line 9
            -line 10
            +new ten
             line 11
             line 12
             line 13
            """)
        XCTAssertEqual(Diff.unified(lines, lines, from: "a", to: "b"), "")
    }

    /// 20,000 lines with a few changes: the common head and tail are set aside and the middle is small.
    func testLongTextsWithFewChangesGetAnExactDiff() {
        let a = (0..<20_000).map { "line \($0)" }
        var b = a
        for i in stride(from: 1_000, to: 20_000, by: 4_000) { b[i] = "changed \(i)" }
        let (ops, capped) = Diff.edits(a, b)
        XCTAssertFalse(capped)
        XCTAssertEqual(ops.filter { $0.kind != " " }.count, 10)
        XCTAssertEqual(Diff.unified(a, b, from: "a", to: "b").components(separatedBy: "\n@@ ").count - 1, 5, "one hunk per change")
    }

    /// Past the limit of edits the middle is shown whole, and the diff says so.
    func testTooManyDifferencesAreShownWholeAndSaidSo() {
        let a = ["same"] + (0..<3_000).map { "old \($0)" } + ["end"]
        let b = ["same"] + (0..<3_000).map { "new \($0)" } + ["end"]
        let (ops, capped) = Diff.edits(a, b)
        XCTAssertTrue(capped)
        XCTAssertEqual(ops.filter { $0.kind == "-" }.map(\.text), Array(a[1...3_000]))
        XCTAssertEqual(ops.filter { $0.kind == "+" }.map(\.text), Array(b[1...3_000]))
        let diff = Diff.unified(a, b, from: "a", to: "b")
        XCTAssertTrue(diff.hasPrefix("(more than 1000 lines differ: from the first to the last difference, every line is shown as removed and added)\n--- a\n+++ b\n@@ -1,3002 +1,3002 @@\n same\n-old 0\n"), String(diff.prefix(300)))
    }
}
