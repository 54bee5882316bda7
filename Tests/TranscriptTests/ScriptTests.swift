import XCTest

/// `nnlab < script`: no prompt, errors on stderr, the run goes on, status 1 if anything failed.
final class ScriptTests: XCTestCase {
    func testAScriptRunsEveryLineAndReportsFailureInTheStatus() throws {
        let r = try Executable.run(input: "data circles\ntrian\nmodel linear\ntrain epochs=3\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(r.stdout.contains("nnlab>"), "no prompt without a terminal")
        XCTAssertEqual(r.stderr, "error: unknown command 'trian'; did you mean train? (type help for the list)\n  trian\n  ^\n")
        XCTAssertTrue(r.stdout.contains("epoch 3: loss"), "the line after the error still ran")
    }

    func testACleanScriptExitsZeroAndQuitStops() throws {
        let r = try Executable.run(input: "data circles\nquit\ndata nosuch\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "data: circles, 200 points (160 train, 40 test), classes 100 / 100\n")
    }

    func testVersionAndHelpFlags() throws {
        XCTAssertEqual(try Executable.run(["--version"], input: "").stdout, "nnlab 0.1.0\n")
        let help = try Executable.run(["--help"], input: "")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("USAGE: nnlab"), help.stdout)
    }

    /// What a learner types, piped: help by form, the words reports use, a CSV whose label is
    /// `class` beside a `y`, a recording started mid-session that replays to the same output,
    /// and `set width=` wrapping the piped report.
    func testTheLearnersWordsHelpLabelChoiceAndRecordingThroughTheBinary() throws {
        let dir = NSTemporaryDirectory() + "nnlab-script-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x,y,class\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n2,2,a\n3,3,b\n".write(toFile: dir + "/pets.csv", atomically: true, encoding: .utf8)
        let script = ["help data", "help data circles", "explain recall", "data load file=\(dir)/pets.csv",
                      "data circles", "model linear", "record file=\(dir)/r.transcript", "data circles", "model linear",
                      "train epochs=30", "diagnose", "record stop", "replay file=\(dir)/r.transcript",
                      "set width=60", "diagnose"]
        let r = try Executable.run(input: script.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.contains("data takes one of these forms (help data FORM shows its keys and examples):"), r.stdout)
        XCTAssertTrue(r.stdout.contains("usage: data circles [n=200]"), r.stdout)
        XCTAssertTrue(r.stdout.contains("recall: Recall: how many of a class's points the model finds"), r.stdout)
        XCTAssertTrue(r.stdout.contains("label: class (a → 0, b → 1)\nlabel column chosen by its name"), r.stdout)
        XCTAssertTrue(r.stdout.contains("warning: y could be the label too"), r.stdout)
        XCTAssertTrue(r.stdout.contains("the session starts fresh, as replay will"), r.stdout)
        XCTAssertTrue(r.stdout.contains("every output matches the recording"), r.stdout)
        // Piped, the first diagnose keeps its long lines; after `set width=60` none is wider.
        let before = r.stdout.components(separatedBy: "color=auto seed=0 width=60\n")[0]
        XCTAssertTrue(before.split(separator: "\n").contains { $0.hasPrefix("  evidence: ") && $0.count > 100 }, before)
        let last = try XCTUnwrap(r.stdout.components(separatedBy: "color=auto seed=0 width=60\n").last)
        XCTAssertTrue(last.contains("problem[linear-inseparable]"), last)
        XCTAssertTrue(last.split(separator: "\n").allSatisfy { $0.count <= 60 }, last)
    }
}
