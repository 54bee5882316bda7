import Foundation
import XCTest

/// Issue 15's targets, typed into the `nnlab` binary as a learner would pipe them: each remedy does what it
/// is for, read back from `evaluate format=json` and `sweep format=json` lines.
final class RemedyTargetTests: XCTestCase {
    /// Runs `lines` through the binary; every line must succeed. Returns stdout's lines.
    func run(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let r = try Executable.run(input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        XCTAssertEqual(r.status, 0, file: file, line: line)
        return r.stdout.components(separatedBy: "\n")
    }

    /// The JSON lines of the output, in order.
    func json(_ lines: [String]) throws -> [[String: Any]] {
        try lines.filter { $0.hasPrefix("{") }.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    func split(_ evaluation: [String: Any], _ name: String) throws -> [String: Any] {
        try XCTUnwrap(evaluation[name] as? [String: Any], "\(evaluation)")
    }

    /// circles with x1 x2 x1^2 x2^2 and no hidden layer: a ring is a line in those inputs. Median test
    /// accuracy over 5 seeds at the default settings measured 97.5% (the raw columns: 35%).
    func testALinearModelOnSquaredFeaturesSeparatesTheCircles() throws {
        let out = try json(try run(["data circles", "model linear", "sweep lr=0.001 seeds=5 format=json",
                                    "features x1 x2 x1^2 x2^2", "model linear", "sweep lr=0.001 seeds=5 format=json"]))
        let medians = try out.map { o -> Double in
            let row = try XCTUnwrap((o["results"] as? [[String: Any]])?.first, "\(o)")
            return try XCTUnwrap((row["test"] as? [String: Any])?["median"] as? Double, "\(row)")
        }
        XCTAssertEqual(medians.count, 2)
        XCTAssertLessThan(medians[0], 0.7, "the raw columns: no line separates rings")
        XCTAssertGreaterThanOrEqual(medians[1], 0.95, "features x1 x2 x1^2 x2^2")
    }

    /// moons with 12% of the training labels flipped and dense16: dropping the points label-noise lists gives
    /// train accuracy of at least 97% (measured 100%, from 87.2%) and test accuracy no lower (97.5% -> 100%).
    func testDroppingTheSuspectLabelsFitsTheRestAndKeepsTheTestSet() throws {
        let lines = try run(["data moons n=400 noise=0.1 seed=5 flip=0.12", "model dense16 relu", "train", "evaluate format=json",
                             "diagnose", "data drop show=label-noise", "train", "evaluate format=json"])
        let dropped = try XCTUnwrap(lines.first { $0.hasPrefix("dropped ") }, "\(lines)")
        XCTAssertTrue(dropped.hasSuffix("training points that label-noise lists (the test set is untouched)"), dropped)
        let out = try json(lines)
        XCTAssertEqual(out.count, 2)
        let (before, after) = (try split(out[0], "test"), try split(out[1], "test"))
        XCTAssertEqual(before["n"] as? Int, 80)
        XCTAssertEqual(after["n"] as? Int, 80, "the test set is untouched")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(split(out[1], "train")["accuracy"] as? Double), 0.97)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(after["accuracy"] as? Double), try XCTUnwrap(before["accuracy"] as? Double))
    }

    /// gauss with class 1 kept at a tenth of class 0 and model linear: class_weight=balanced finds at least 20 points
    /// more of the rare class (measured 55.6% -> 100% of its 9 training points; the test split holds one).
    func testBalancedClassWeightsFindTheRareClass() throws {
        let out = try json(try run(["data gauss imbalance=0.1", "model linear", "train", "evaluate format=json",
                                    "train class_weight=balanced", "evaluate format=json"]))
        let recalls = try out.map { try XCTUnwrap(split($0, "train")["recall"] as? [Double], "\($0)")[1] }
        XCTAssertGreaterThanOrEqual(recalls[1] - recalls[0], 0.2, "recall of class 1 on train: \(recalls)")
    }

    /// The verification of `command` in `finding`'s entry of a `diagnose verify format=json` line.
    func verification(_ out: [String: Any], _ finding: String, _ command: String) throws -> [String: Any] {
        let findings = try XCTUnwrap(out["findings"] as? [[String: Any]], "\(out)")
        let f = try XCTUnwrap(findings.first { $0["id"] as? String == finding }, "\(findings.map { $0["id"] })")
        let all = try XCTUnwrap(f["verifications"] as? [[String: Any]], "\(f)")
        return try XCTUnwrap(all.first { $0["command"] as? String == command }, "\(all)")
    }

    /// The overfitting lesson's plain run: diagnose verify judges early stopping by the train-test gap, which it
    /// narrows beyond the seeds' spread (measured 25% -> 14.6%), with median test accuracy not lower (75% both).
    func testVerifyShowsEarlyStoppingNarrowsTheGapOfTheOverfittingLesson() throws {
        let out = try json(try run(["data moons n=60 noise=0.35", "model dense64 relu dense64 relu", "train lr=0.01 epochs=1000",
                                    "diagnose verify format=json"]))
        let v = try verification(try XCTUnwrap(out.first), "overfitting", "train patience=20 lr=0.01 epochs=1000")
        XCTAssertEqual(v["measure"] as? String, "gap")
        XCTAssertEqual(v["verdict"] as? String, "verified")
        let test = try XCTUnwrap(v["test"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(test["after"] as? Double), try XCTUnwrap(test["before"] as? Double))
    }

    /// The same target through verify: class weights judged by the rare class's recall on train, up by at least 0.2.
    func testVerifyJudgesBalancedClassWeightsByTheRareClassRecall() throws {
        let out = try json(try run(["data gauss imbalance=0.1", "model linear", "train", "diagnose verify format=json"]))
        let v = try verification(try XCTUnwrap(out.first), "class-imbalance", "train class_weight=balanced")
        XCTAssertEqual(v["measure"] as? String, "recall")
        XCTAssertEqual(v["class"] as? Int, 1)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(v["after"] as? Double) - (try XCTUnwrap(v["before"] as? Double)), 0.2)
        XCTAssertEqual(v["verdict"] as? String, "verified")
    }
}
