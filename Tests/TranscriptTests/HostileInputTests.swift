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
    func run(_ lines: [String], arguments: [String] = [], umask mask: String? = nil, stdout: FileHandle? = nil,
             stderr: FileHandle? = nil, closeStdout: Bool = false) throws -> Executable.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", (mask.map { "umask \($0); " } ?? "") + "exec \"$0\" \"$@\"", Executable.url.path] + arguments
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

    // MARK: Writes that respect the file system

    func mode(_ name: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.posixPermissions] as! NSNumber).intValue
    }

    func text(_ name: String) throws -> String { try String(contentsOfFile: dir + "/" + name, encoding: .utf8) }

    /// Saving replaced the file by a new one made 0666 less the umask: a 0600 file became 0644.
    func testWritesKeepPermissionsAndOwnerAndNewFilesHonourTheUmask() throws {
        let writes = ["save file=s.json", "export data file=d.csv", "export keras file=k.py", "plot file=p.svg", "record file=r.transcript"]
        let first = try run(["data circles n=20", "model linear"] + writes, umask: "077")
        XCTAssertEqual(first.stderr, "")
        for name in ["s.json", "d.csv", "k.py", "p.svg", "r.transcript"] { XCTAssertEqual(try mode(name), 0o600, "\(name) with umask 077") }
        for (name, mode) in [("s.json", 0o640), ("d.csv", 0o604), ("k.py", 0o755), ("p.svg", 0o660), ("r.transcript", 0o620)] {
            XCTAssertEqual(chmod(dir + "/" + name, mode_t(mode)), 0)
        }
        let owned = geteuid() == 0  // only root can give a file away; as anyone else the owner part is skipped
        if owned { XCTAssertEqual(chown(dir + "/s.json", 1234, 5678), 0) }
        let again = try run(["data circles n=30", "model linear"] + writes, umask: "022")
        XCTAssertEqual(again.stderr, "")
        XCTAssertTrue(try text("s.json").contains("\"n\" : 30") || text("s.json").contains("\"n\":30"), "rewritten")
        for (name, mode) in [("s.json", 0o640), ("d.csv", 0o604), ("k.py", 0o755), ("p.svg", 0o660), ("r.transcript", 0o620)] {
            XCTAssertEqual(try self.mode(name), mode, name)
        }
        if owned {
            let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/s.json")
            XCTAssertEqual((attributes[.ownerAccountID] as! NSNumber).intValue, 1234)
            XCTAssertEqual((attributes[.groupOwnerAccountID] as! NSNumber).intValue, 5678)
        }
    }

    /// A read-only file was replaced (status 0) even as an ordinary user; a hard link was split.
    func testReadOnlyAndHardLinkedFilesAreRefusedAndKept() throws {
        for name in ["ro.json", "ro.transcript"] {
            try file(name, "old\n")
            XCTAssertEqual(chmod(dir + "/" + name, 0o444), 0)
        }
        try file("one.csv", "old\n")
        XCTAssertEqual(link(dir + "/one.csv", dir + "/two.csv"), 0)
        let r = try run(["data circles n=20", "save file=ro.json", "export data file=one.csv", "record file=ro.transcript", "status"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, """
            error: cannot write ro.json: it is read-only
            error: cannot write one.csv: it has 2 hard links, and a new file in its place would split them
            error: cannot write ro.transcript: it is read-only

            """)
        XCTAssertTrue(r.stdout.contains("model: none"), "the session went on")
        for name in ["ro.json", "ro.transcript"] {
            XCTAssertEqual(try text(name), "old\n")
            XCTAssertEqual(try mode(name), 0o444)
        }
        XCTAssertEqual([try text("one.csv"), try text("two.csv")], ["old\n", "old\n"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["one.csv", "ro.json", "ro.transcript", "two.csv"],
                       "no temporary file is left")
    }

    /// Saving over a symbolic link replaced the link by a regular file; now the file it points at is written.
    func testWritesGoThroughSymbolicLinks() throws {
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
        try file("real/s.json", "old\n")
        XCTAssertEqual(chmod(dir + "/real/s.json", 0o640), 0)
        XCTAssertEqual(symlink("real/s.json", dir + "/link.json"), 0)
        XCTAssertEqual(symlink("link.json", dir + "/chain.json"), 0)
        XCTAssertEqual(symlink(dir + "/real/new.csv", dir + "/dangling.csv"), 0)
        let r = try run(["data circles n=20", "save file=chain.json", "export data file=dangling.csv"])
        XCTAssertEqual(r.stderr, "")
        for link in ["link.json", "chain.json", "dangling.csv"] {
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: dir + "/" + link)[.type] as? FileAttributeType,
                           .typeSymbolicLink, "\(link) is still a link")
        }
        XCTAssertTrue(try text("real/s.json").contains("nnlab"), "the target was written")
        XCTAssertEqual(try mode("real/s.json"), 0o640)
        XCTAssertTrue(try text("real/new.csv").hasPrefix("index,"), "a dangling link's target is created")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/real").sorted(), ["new.csv", "s.json"])
    }

    // MARK: Recording

    /// Recording rewrote the whole transcript after every command (2000 commands: 82 s). Now each command is
    /// appended to the same file (its inode never changes), and what was recorded survives nnlab being killed.
    func testRecordingAppendsAndSurvivesAKill() throws {
        let process = Process()
        process.executableURL = Executable.url
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("record file=r.transcript\ndata circles n=20\n".utf8))
        func waitFor(_ text: String) throws -> String {
            for _ in 0..<500 {
                if let now = try? self.text("r.transcript"), now.contains(text) { return now }
                usleep(10_000)
            }
            throw XCTSkip("nnlab did not record `\(text)` within 5 s")
        }
        _ = try waitFor("nnlab> data circles n=20\n")
        let inode = try FileManager.default.attributesOfItem(atPath: dir + "/r.transcript")[.systemFileNumber] as! NSNumber
        input.fileHandleForWriting.write(Data((0..<50).map { _ in "status\n" }.joined().utf8))
        // Wait for all fifty, then kill: nothing is flushed at exit, so every command must already be in the file.
        var last = ""
        for _ in 0..<500 where last.components(separatedBy: "nnlab> status\n").count - 1 < 50 {
            last = (try? text("r.transcript")) ?? ""
            usleep(10_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let kept = try text("r.transcript")
        XCTAssertEqual(kept.components(separatedBy: "nnlab> status\n").count - 1, 50)
        XCTAssertTrue(kept.hasPrefix("# recorded with nnlab\nnnlab> data circles n=20\ndata: circles, 20 points"), kept)
        XCTAssertTrue(kept.hasSuffix("trained: not yet\n"), "whole commands only")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: dir + "/r.transcript")[.systemFileNumber] as! NSNumber, inode,
                       "appended to, not replaced")
        let check = try run([], arguments: ["check", "r.transcript"])
        XCTAssertEqual(check.stdout, "checked 1 files (51 commands): all pass\n")
    }

    // MARK: Replays in a scratch folder

    /// A shared transcript that writes outside its folder, reads outside it, or reaches out through a link.
    /// Returns the folder outside it, which must stay as it was.
    func hostileTranscript() throws -> String {
        let csv = "x1,x2,label\n" + (0..<10).map { "\($0),\($0 % 3),\($0 % 2)" }.joined(separator: "\n") + "\n"
        for folder in ["t", "t/sub", "out"] { try FileManager.default.createDirectory(atPath: dir + "/" + folder, withIntermediateDirectories: true) }
        try file("t/mine.csv", csv)
        try file("out/secret.csv", csv)
        XCTAssertEqual(symlink("../out/secret.csv", dir + "/t/link.csv"), 0)
        let outside = dir + "/out"
        try file("t/a.transcript", """
            nnlab> data load file=mine.csv
            nnlab> save file=s.json
            nnlab> load file=s.json
            nnlab> save file=\(outside)/evil.json
            nnlab> export data file=../out/evil.csv
            nnlab> record file=sub/../../x.transcript
            nnlab> plot file=/tmp/../\(outside)/evil.svg
            nnlab> data load file=../out/secret.csv
            nnlab> data load file=\(outside)/secret.csv
            nnlab> data load file=link.csv
            nnlab> replay file=a.transcript allow_read=/

            """)
        return outside
    }

    static func refusedLines(_ outside: String) -> [String] {
        let write = ": a replayed transcript writes only in its scratch folder (a relative name without ..)"
        let read = ": a replayed transcript reads only files below its own folder (nnlab check --allow-read FOLDER or replay allow_read=FOLDER allows more)"
        return ["error: cannot write \(outside)/evil.json" + write, "error: cannot write ../out/evil.csv" + write,
                "error: cannot write sub/../../x.transcript" + write, "error: cannot write /tmp/../\(outside)/evil.svg" + write,
                "error: cannot read ../out/secret.csv" + read, "error: cannot read \(outside)/secret.csv" + read,
                "error: cannot read link.csv" + read]
    }

    /// `nnlab check` honoured absolute paths and .. in a transcript: it overwrote files of the attacker's choosing.
    func testCheckRunsATranscriptInAScratchFolder() throws {
        let outside = try hostileTranscript()
        let before = try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
        let r = try run([], arguments: ["check", "t/a.transcript"])
        XCTAssertEqual(r.status, 1)
        let added = r.stdout.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) }
        XCTAssertEqual(added.filter { $0.hasPrefix("error: ") }, Self.refusedLines(outside) + ["error: a replayed transcript cannot use allow_read"])
        XCTAssertTrue(added.contains("saved the session to s.json") && added.contains("loaded s.json"), "relative names work: \(added)")
        XCTAssertEqual(added.filter { $0.hasPrefix("data: mine.csv, 10 points") }.count, 2, "the CSV beside the transcript loads")
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: dir).sorted(), before, "nothing written outside the scratch folder")

        // --allow-read lets the reads through; the writes stay refused.
        let allowed = try run([], arguments: ["check", "--allow-read", "out", "t/a.transcript"])
        let errors = allowed.stdout.split(separator: "\n").filter { $0.hasPrefix("+error: ") }.map { String($0.dropFirst()) }
        XCTAssertEqual(errors, Array(Self.refusedLines(outside).prefix(4)) + ["error: a replayed transcript cannot use allow_read"])
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: dir).sorted(), before)
        let missing = try run([], arguments: ["check", "--allow-read", "nowhere", "t/a.transcript"])
        XCTAssertEqual(missing.stdout, "cannot read from nowhere: no such folder\nchecked 1 files: 1 failed\n")
    }

    /// `replay` at the prompt wrote where the transcript said; now it runs in a scratch folder too, and the
    /// session goes on (in the replayed state) in the folder it was in.
    func testReplayAtThePromptRunsInAScratchFolder() throws {
        let outside = try hostileTranscript()
        let before = try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
        let r = try run(["replay file=t/a.transcript", "save file=after.json", "replay file=t/a.transcript allow_read=out",
                         "replay file=t/a.transcript allow_read=nowhere"])
        let errors = r.stderr.split(separator: "\n").map(String.init)
        let skipped = "error: t/a.transcript:11: a replay cannot run another replay; skipped"
        XCTAssertEqual(errors, Self.refusedLines(outside) + [skipped] + Self.refusedLines(outside).prefix(4) + [skipped,
                       "error: cannot read from nowhere: no such folder"])
        XCTAssertTrue(r.stdout.contains("saved the session to after.json"), r.stdout)
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: dir).sorted(), (before + ["after.json"]).sorted(),
                       "only the session's own save, after the replay, is written")
        XCTAssertTrue(try text("after.json").contains("mine.csv"), "the session goes on from the replayed state")
    }

    /// `nnlab check` of a lesson runs it in a scratch folder with the same rules.
    func testCheckRunsALessonInAScratchFolder() throws {
        let outside = try hostileTranscript()
        try file("t/l.lesson", "# A hostile lesson\n# It writes outside its folder.\nnnlab> data load file=mine.csv\nnnlab> save file=\(outside)/evil.json\n")
        let r = try run([], arguments: ["check", "t/l.lesson"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.hasPrefix("t/l.lesson:4: `save file=\(outside)/evil.json` failed: error: cannot write \(outside)/evil.json: "
                                         + "a replayed transcript writes only in its scratch folder"), r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside + "/evil.json"))
    }
}
