import Foundation
import XCTest
@testable import NNLab

/// Files that are missing, empty, malformed, folders, pipes or too big get one line naming the
/// file (and the line, where the file has lines); writes go through a temporary file, so a failed
/// write leaves the old file whole. Run as the built binary, as a learner meets them.
final class FileFailureTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "nnlab-files-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func file(_ name: String, _ text: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }

    /// Runs the lines in `dir` (relative names), each failing one giving exactly one error line.
    func run(_ lines: [String], limitFileSize blocks: Int? = nil) throws -> Executable.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // A file size limit makes a write fail halfway (nnlab ignores SIGXFSZ, so the write fails with EFBIG).
        let limit = blocks.map { "ulimit -f \($0); " } ?? ""
        process.arguments = ["-c", limit + "exec \"$0\"", Executable.url.path]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Executable.Result(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                                 status: process.terminationStatus)
    }

    /// The error lines of a run whose commands each fail, in order; the last line (a command that works) must still work.
    func errors(_ lines: [String], thenWorks check: String = "data circles", file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let r = try run(lines + [check])
        XCTAssertEqual(r.status, 1, file: file, line: line)
        XCTAssertTrue(r.stdout.contains("data: circles, 200 points"), "the session went on: \(r.stdout)", file: file, line: line)
        let errors = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        XCTAssertEqual(errors.count, lines.count, "one error line per failing command: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(errors.allSatisfy { $0.hasPrefix("error: ") }, r.stderr, file: file, line: line)
        return errors.map { String($0.dropFirst(7)) }
    }

    func testDataLoadNamesTheFileAndTheLine() throws {
        try file("empty.csv", "")
        try file("header.csv", "x1,x2,label\n")
        try file("text.csv", "x1,x2,label\n1,2,0\n3,x,1\n")
        try file("ragged.csv", "x1,x2,label\n1,2,0\n3,4,1,7\n")
        try file("oneclass.csv", "x1,x2,label\n1,2,a\n3,4,a\n")
        try Data([0xFF, 0xFE, 0x41, 0x2C, 0x0A]).write(to: URL(fileURLWithPath: dir + "/binary.csv"))
        try FileManager.default.createDirectory(atPath: dir + "/folder.csv", withIntermediateDirectories: false)
        XCTAssertEqual(mkfifo(dir + "/pipe.csv", 0o600), 0)
        // 100 MB without writing them: a sparse file.
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/big.csv", contents: nil))
        XCTAssertEqual(truncate(dir + "/big.csv", 100 << 20), 0)
        let e = try errors(["data load file=missing.csv", "data load file=empty.csv", "data load file=header.csv",
                            "data load file=text.csv", "data load file=ragged.csv", "data load file=oneclass.csv",
                            "data load file=binary.csv", "data load file=folder.csv", "data load file=pipe.csv",
                            "data load file=big.csv"])
        XCTAssertEqual(e[0], "cannot read missing.csv: no such file or directory")
        XCTAssertEqual(e[1], "empty.csv: the file is empty")
        XCTAssertEqual(e[2], "header.csv: no rows after the header")
        XCTAssertEqual(e[3], "text.csv:3: column x2: 'x' is not a number")
        XCTAssertEqual(e[4], "ragged.csv:3: 4 values, the header has 3")
        XCTAssertTrue(e[5].hasPrefix("oneclass.csv: the label column label has 1 different value (a); nnlab needs from 2 to 20 classes"), e[5])
        XCTAssertEqual(e[6], "cannot read binary.csv: not UTF-8 text")
        XCTAssertEqual(e[7], "cannot read folder.csv: it is a folder")
        XCTAssertEqual(e[8], "cannot read pipe.csv: it is not a regular file", "a pipe would block the session")
        XCTAssertEqual(e[9], "cannot read big.csv: it is 100 MB; nnlab reads files up to 64 MB")
    }

    func testLoadNamesTheFileAndWhatIsWrong() throws {
        try file("empty.json", "")
        try file("truncated.json", "{\"nnlab\": 1, \"settings\": {\"se")
        try file("newer.json", "{\"nnlab\": 99}")
        try file("wrong.json", "{\"nnlab\": 1, \"settings\": {\"seed\": \"x\"}}")
        try file("huge.json", """
            {"nnlab": 1, "data": {"kind": "circles", "n": 1e12, "noise": 0.2, "seed": 1, "test": 0.2, "scaled": true,
             "flip": 0, "imbalance": 1}, "settings": {"seed": 0}}
            """)
        try file("negative.json", "{\"nnlab\": 1, \"model\": [{\"units\": -5, \"activation\": \"relu\"}], \"settings\": {\"seed\": 0}}")
        try file("wide.json", "{\"nnlab\": 1, \"settings\": {\"seed\": 0, \"width\": 100000}}")
        try FileManager.default.createDirectory(atPath: dir + "/folder.json", withIntermediateDirectories: false)
        let e = try errors(["load file=missing.json", "load file=empty.json", "load file=truncated.json", "load file=newer.json",
                            "load file=wrong.json", "load file=huge.json", "load file=negative.json", "load file=wide.json",
                            "load file=folder.json"])
        XCTAssertEqual(e, [
            "cannot read missing.json: no such file or directory",
            "empty.json is not a saved nnlab session (no \"nnlab\" version field)",
            "truncated.json is not a saved nnlab session (no \"nnlab\" version field)",
            "newer.json was saved by a newer nnlab (format 99); this one reads format 1",
            "wrong.json is damaged: wrong value at settings.seed",
            "huge.json is damaged: n must be a whole number from 10 to 20000 (got '1000000000000')",
            "negative.json is damaged: a layer has from 1 to 512 units (got dense-5)",
            "wide.json is damaged: width must be auto or a whole number from 40 to 300 (got '100000')",
            "cannot read folder.json: it is a folder",
        ])
    }

    func testReplayAndCheckNameTheFileAndTheLine() throws {
        try file("empty.transcript", "")
        try file("junk.transcript", "# fine\nnot a command\n")
        try file("self.transcript", "nnlab> data circles n=50\ndata: circles, 50 points (40 train, 10 test), classes 25 / 25\nnnlab> replay file=self.transcript\n")
        try FileManager.default.createDirectory(atPath: dir + "/folder.transcript", withIntermediateDirectories: false)
        try file("notes.txt", "# not a transcript\n")
        let e = try errors(["replay file=missing.transcript", "replay file=empty.transcript", "replay file=junk.transcript",
                            "replay file=folder.transcript"])
        XCTAssertEqual(e, [
            "cannot read missing.transcript: no such file or directory",
            "empty.transcript:1: no `nnlab> ` command in the file",
            "junk.transcript:2: expected `# comment` or `nnlab> command` before the first output",
            "cannot read folder.transcript: it is a folder",
        ])
        // A transcript that replays itself ran until the stack overflowed; the inner replay is skipped.
        let r = try run(["replay file=self.transcript", "status"])
        XCTAssertEqual(r.stderr, "error: self.transcript:3: a replay cannot run another replay; skipped\n")
        XCTAssertTrue(r.stdout.contains("replayed 2 commands from self.transcript: 1 outputs differ (first at line 3)"), r.stdout)

        let check = Process()
        check.executableURL = Executable.url
        check.arguments = ["check"] + ["missing.transcript", "junk.transcript", "folder.transcript", "notes.txt"].map { dir + "/" + $0 }
        let out = Pipe()
        check.standardOutput = out
        try check.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 1)
        XCTAssertEqual(text, """
            cannot read \(dir)/missing.transcript: no such file or directory
            \(dir)/junk.transcript:2: expected `# comment` or `nnlab> command` before the first output
            cannot read \(dir)/folder.transcript: it is a folder
            \(dir)/notes.txt: not a .lesson or .transcript file
            checked 4 files: 4 failed

            """)
    }

    func testWritesThatCannotHappenSaySoInOneLine() throws {
        try FileManager.default.createDirectory(atPath: dir + "/folder.json", withIntermediateDirectories: false)
        let r = try run(["data circles", "model dense4 relu", "train epochs=2", "save file=folder.json", "save file=nowhere/s.json",
                         "export data file=nowhere/d.csv", "export keras file=nowhere/k.py", "plot file=nowhere/p.svg",
                         "record file=nowhere/r.transcript", "save file=" + String(repeating: "n", count: 300) + ".json", "status"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("trained: 2 epochs"), "the session went on: \(r.stdout)")
        XCTAssertEqual(r.stderr.split(separator: "\n").map(String.init), [
            "error: cannot write folder.json: it is a folder",
            "error: cannot write nowhere/s.json: no such file or directory",
            "error: cannot write nowhere/d.csv: no such file or directory",
            "error: cannot write nowhere/k.py: no such file or directory",
            "error: cannot write nowhere/p.svg: no such file or directory",
            "error: cannot write nowhere/r.transcript: no such file or directory",
            "error: cannot write " + String(repeating: "n", count: 100) + "…nnnn.json: file name too long",
        ])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["folder.json"], "nothing is left behind")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/folder.json"), [])
    }

    /// The write fails halfway (the file size limit is hit): the file that was there before is still whole.
    func testAFailedWriteLeavesTheOldFileWhole() throws {
        let setup = ["data circles", "model dense16 relu", "train epochs=20"]
        let first = try run(["record file=r.transcript"] + setup + ["save file=s.json", "export data file=d.csv", "plot", "record stop"])
        XCTAssertEqual(first.stderr, "")
        let before = try ["s.json", "d.csv"].map { try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0)) }
        XCTAssertTrue(before.allSatisfy { $0.count > 2048 }, "each file is bigger than the limit below")

        // `record` starts a fresh session, so the status comes before it; help's 2 KB do not fit.
        let r = try run(setup + ["train continue epochs=5", "save file=s.json", "export data file=d.csv", "status",
                                 "record file=r.transcript", "help"], limitFileSize: 2)
        XCTAssertEqual(r.status, 1)
        let errors = r.stderr.split(separator: "\n").map(String.init)
        guard errors.count == 3 else { return XCTFail("three errors: \(r.stderr)") }
        XCTAssertEqual(errors, ["error: cannot write s.json: file too large", "error: cannot write d.csv: file too large",
                                "error: cannot write r.transcript: file too large; recording stopped"])
        let after = try ["s.json", "d.csv"].map { try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0)) }
        XCTAssertEqual(after, before, "each old file is whole")
        // The new recording started (its header was written); help's entry did not fit: the file holds
        // the last whole write, not half of the next.
        XCTAssertEqual(try String(contentsOfFile: dir + "/r.transcript", encoding: .utf8), "# recorded with nnlab\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["d.csv", "r.transcript", "s.json"],
                       "no temporary file is left")
        XCTAssertTrue(r.stdout.contains("trained: 25 epochs"), "the session went on: \(r.stdout)")
    }

    /// A recording whose folder disappears stops with one line and the session goes on.
    func testARecordingThatCannotBeWrittenStops() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        try FileManager.default.createDirectory(atPath: s.directory! + "/sub", withIntermediateDirectories: false)
        XCTAssertEqual(s.run("record file=sub/r.transcript"), [.text("recording to sub/r.transcript; record stop ends it;\n"
                                                                      + "while recording, output is shown as replay shows it: plain, 80 columns")])
        try FileManager.default.removeItem(atPath: s.directory! + "/sub")
        let out = s.run("status")
        XCTAssertEqual(out.count, 2, "\(out)")
        XCTAssertEqual(out.last, .error("cannot write sub/r.transcript: no such file or directory; recording stopped"))
        XCTAssertEqual(s.run("record stop"), [.error("not recording")])
    }
}
