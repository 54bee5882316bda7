import XCTest

/// `sweep` through the piped `nnlab`, as a learner runs it (issue 18).
final class SweepTests: XCTestCase {
    /// Several settings reach the same median test accuracy: the best is the one with the lowest median
    /// test loss among them, and the output says that is the rule.
    func testTiesGoToTheLowerTestLoss() throws {
        let out = try Executable.run(input: "data circles\nmodel dense16 relu\nsweep lr=0.01,0.1,1 epochs=40 seeds=3\n").stdout
        let rows = out.split(separator: "\n").drop { !$0.hasPrefix("lr ") }.dropFirst().prefix { $0.first?.isNumber == true }
        let parsed = rows.map { row -> (test: Double, loss: Double, best: Bool) in
            let f = row.split(separator: " ")
            return (Double(f[2].dropLast())!, Double(f[5])!, row.hasSuffix("← best"))
        }
        XCTAssertEqual(parsed.count, 3, out)
        let top = parsed.map(\.test).max()!
        let tied = parsed.filter { $0.test == top }
        XCTAssertGreaterThan(tied.count, 1, "the case needs a tie\n\(out)")
        XCTAssertEqual(parsed.filter(\.best).count, 1, out)
        XCTAssertEqual(parsed.first(where: \.best)!.loss, tied.map(\.loss).min()!, out)
        XCTAssertTrue(out.contains("best: the highest median test accuracy; a tie goes to the lower median test loss"), out)
    }
}

/// The work limit in plain words, through the piped `nnlab` (issue 18: "about 105922e9 multiply-adds, over the limit of 30e9").
final class WorkLimitWordsTests: XCTestCase {
    func testTheLimitIsSaidInTime() throws {
        let out = try Executable.run(input: "data circles n=20000\nmodel dense256 relu dense256 relu\ntrain epochs=2000\n")
        XCTAssertTrue(out.stderr.contains("error: that is about 3 hours of training; the limit is about one minute; use fewer epochs, points or units"),
                      out.stderr)
        XCTAssertFalse(out.stderr.contains("e9"), out.stderr)
    }
}
