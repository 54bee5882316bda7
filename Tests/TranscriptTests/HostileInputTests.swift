import Foundation
import XCTest

/// What a hostile or unlucky user can hand the built binary: extreme numbers, output that cannot be
/// written. Each case is run as a person would hit it, through `nnlab` itself.
final class HostileInputTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "nnlab-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs `nnlab arguments` in `dir` with `lines` on standard input; `stdout`/`stderr` replace the pipes
    /// (a full device), and `closeStdout` closes the reading end before anything is written.
    func run(_ lines: [String], arguments: [String] = [], stdout: FileHandle? = nil, stderr: FileHandle? = nil,
             closeStdout: Bool = false) throws -> Executable.Result {
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = stdout ?? output
        process.standardError = stderr ?? errors
        try process.run()
        if closeStdout { try output.fileHandleForReading.close() }
        input.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let out = stdout == nil && !closeStdout ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        let err = stderr == nil ? errors.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "nnlab was killed by signal \(process.terminationStatus)")
        return Executable.Result(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                                 status: process.terminationStatus)
    }

    func file(_ name: String, _ text: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }

    // MARK: Numbers at the ends of the Double range

    /// ±9e307 crashed every plot ("Double value cannot be converted to Int" in Axis.ticks). `data load` now
    /// refuses values over 1e100 in size (NNPlotTests.ExtremeValueTests draws the whole Double range);
    /// the largest and smallest values it takes, and constant columns of them, plot.
    func testHugeAndTinyValuesPlot() throws {
        let rows = [("-1e100", "1e100"), ("1e100", "-1e100"), ("1e100", "1e-320"), ("-1e-320", "0")]
        try file("big.csv", "x1,x2,label\n" + (0..<10).map { i in "\(rows[i % 4].0),\(rows[i % 4].1),\(i % 2)" }.joined(separator: "\n") + "\n")
        try file("flat.csv", "x1,x2,label\n" + (0..<10).map { "1e100,1e-320,\($0 % 2)" }.joined(separator: "\n") + "\n")
        for csv in ["big.csv", "flat.csv"] {
            let r = try run(["data load file=\(csv)", "plot data", "plot data file=d.svg", "model dense8 relu", "train epochs=3",
                             "plot", "plot loss", "plot boundary file=b.svg", "status"])
            XCTAssertTrue(r.stdout.contains("wrote the boundary plot to b.svg"), "\(csv): \(r.stdout)\n\(r.stderr)")
            XCTAssertTrue(r.stdout.contains("model: dense(2→8)"), "the session went on after the plots: \(r.stdout)")
            XCTAssertTrue(try String(contentsOfFile: dir + "/b.svg", encoding: .utf8).hasPrefix("<?xml"))
        }
    }

    // MARK: Output that cannot be written

    /// A full standard error ended the session at the first error message.
    func testAFullStandardErrorDoesNotEndTheSession() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try run(["data circles", "bogus", "status"], stderr: full)
        XCTAssertEqual(r.status, 1, "a command failed")
        XCTAssertTrue(r.stdout.contains("model: none"), "status ran after the lost error: \(r.stdout)")
    }

    /// `nnlab > /dev/full` exited 0: the exit status now says output was lost, and stderr says why.
    func testAFullStandardOutputIsAFailure() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try run(["data circles", "status", "save file=s.json"], stdout: full)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: some output could not be written: no space left on device\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/s.json"), "the session went on")

        let check = try run([], arguments: ["check", "missing.transcript"], stdout: full)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.hasSuffix("error: some output could not be written: no space left on device\n"), check.stderr)
    }

    /// Standard output is a pipe nobody reads: SIGPIPE killed nnlab (status 141); now each write
    /// fails, the session goes on and the status says output was lost.
    func testAClosedPipeDoesNotKillTheSession() throws {
        let r = try run(["data circles", "help", "status", "save file=s.json"], closeStdout: true)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: some output could not be written: broken pipe\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/s.json"), "the session went on")
    }

    // MARK: Big transcripts

    /// `nnlab check` built an n × m table: 10,000 lines took 14.5 s and 3.2 GB, 20,000 ran out of memory.
    /// 28,000 lines each way now: an exact diff where few lines differ, a capped one (said so) where all do.
    func testCheckingABigTranscriptDiffsWithoutAQuadraticTable() throws {
        let status = ["data: none (try: data circles)", "model: none (try: model dense16 relu)", "trained: not yet"]
        var few = "", many = ""
        for i in 0..<7_000 {
            let output = i % 1_000 == 0 ? ["data: other"] + status.dropFirst() : status
            few += (["nnlab> status"] + output).map { $0 + "\n" }.joined()
            many += "nnlab> status\ndata \(i)\nmodel\ntrained\n"
        }
        try file("few.transcript", few)
        try file("many.transcript", many)
        let exact = try run([], arguments: ["check", "few.transcript"])
        XCTAssertEqual(exact.status, 1)
        XCTAssertEqual(exact.stdout.components(separatedBy: "\n-data: other\n+data: none (try: data circles)\n").count - 1, 7, exact.stdout)
        XCTAssertEqual(exact.stdout.components(separatedBy: "\n@@ ").count - 1, 7, "one hunk per changed command")
        let capped = try run([], arguments: ["check", "many.transcript"])
        XCTAssertEqual(capped.status, 1)
        XCTAssertTrue(capped.stdout.hasPrefix("(more than 1000 lines differ: from the first to the last difference, "
                                            + "every line is shown as removed and added)\n--- many.transcript\n"), String(capped.stdout.prefix(300)))
        XCTAssertTrue(capped.stdout.hasSuffix("checked 1 files: 1 failed\n"))
    }
}
