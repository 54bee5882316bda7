import XCTest

/// `nnlab < script`: no prompt, errors on stderr, the run goes on, status 1 if anything failed.
final class ScriptTests: XCTestCase {
    func testAScriptRunsEveryLineAndReportsFailureInTheStatus() throws {
        let r = try Executable.run(input: "data circles\ntrian\nmodel linear\ntrain epochs=3\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(r.stdout.contains("nnlab>"), "no prompt without a terminal")
        XCTAssertEqual(r.stderr, "error: unknown command 'trian'; did you mean train? (type help for the list)\n")
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
}
