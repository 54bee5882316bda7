import Foundation
import XCTest

/// The built `nnlab` on a pseudo-terminal, as a learner runs it: libedit's prompt, the progress
/// line, Ctrl-C, Ctrl-D and the history file in $HOME.
///
/// In most tests the pseudo-terminal is not the child's controlling terminal (nnlab runs in a
/// process group of its own, as a shell's job would), so typing ^C into it would not raise a
/// signal: `kill(pid, SIGINT)` stands in for the terminal's ^C, which is exactly what the line
/// discipline sends. `testARealControlCThroughTheTerminal` starts nnlab in a session of its own
/// with the terminal as its controlling terminal and types ^C for real.
final class PseudoTerminalTests: PseudoTerminalTestCase {
    func testControlCStopsTrainingAndTheSessionGoesOnWithTheModel() throws {
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data circles n=2000", thenWaitFor: "data: circles, 2000 points")
        try t.type("model dense32 relu", thenWaitFor: "model: dense(2→32)")
        // 50000 epochs of this take a quarter of a minute or more: only Ctrl-C ends them early.
        t.type("train epochs=50000")
        try t.waitFor("/50000 · loss")
        t.interrupt()
        try t.waitFor("the model keeps what it learned in")
        try t.waitFor("nnlab> ", count: 4)
        let report = t.output
        let kept = try XCTUnwrap(report.firstMatch(#"the model keeps what it learned in (\d+) epochs"#).flatMap { Int($0) }, report)
        XCTAssertTrue(report.contains("interrupted before epoch \(kept + 1)"), report)
        XCTAssertTrue((1..<50_000).contains(kept), "\(kept) epochs")
        XCTAssertTrue(report.contains("epoch \(kept): loss"), report)

        try t.type("status", thenWaitFor: "trained: \(kept) epochs")
        try t.type("evaluate", thenWaitFor: "actual 1")
        XCTAssertTrue(t.output.contains("train") && t.output.contains("accuracy"), t.output)
        try t.type("train continue epochs=5", thenWaitFor: "epoch \(kept + 5): loss")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
        XCTAssertFalse(t.output.contains("error:"), t.output)

        let history = try String(contentsOfFile: home + "/.nnlab_history", encoding: .utf8)
        for command in ["data circles n=2000", "train epochs=50000", "status", "evaluate", "quit"] {
            // libedit writes a blank as \040.
            XCTAssertTrue(history.contains(command.replacingOccurrences(of: " ", with: "\\040")), history)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home).filter { $0.hasPrefix(".nnlab_history") },
                       [".nnlab_history"], "no temporary file is left beside the history")
    }

    func testTwoControlCsWithinASecondDuringWorkQuit() throws {
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data circles n=5000", thenWaitFor: "data: circles, 5000 points")
        try t.type("model dense512 relu dense512 relu dense512 relu dense512 relu", thenWaitFor: "790017 parameters")
        t.type("train epochs=1")
        usleep(300_000)
        t.interrupt()
        try t.waitFor("interrupted before epoch 1")
        // Every long computation stops within a slice of work; writing a file does not stop halfway (it
        // would leave nothing usable), and writing 790,017 weights as JSON takes a few tenths of a second
        // even unloaded, so the second Ctrl-C, a twentieth of a second after the first, quits at once.
        t.type("save file=big.json")
        usleep(50_000)
        t.interrupt()
        usleep(50_000)
        t.interrupt()
        XCTAssertEqual(try t.waitForExit(), 130, t.output)
        XCTAssertFalse(t.output.contains("saved the session"), t.output)
    }

    func testControlCAtThePromptClearsTheLineAndControlDQuitsWithHistory() throws {
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        t.send("trian half typed")
        try t.waitFor("half typed")
        t.interrupt()
        try t.waitFor("nnlab> ", count: 2)
        try t.type("status", thenWaitFor: "trained: not yet")
        XCTAssertFalse(t.output.contains("unknown command"), "the half-typed line was dropped: \(t.output)")
        // A Ctrl-C at the prompt never counts towards quitting.
        t.interrupt()
        try t.waitFor("nnlab> ", count: 4)
        usleep(100_000)
        t.interrupt()
        try t.waitFor("nnlab> ", count: 5)
        t.send("\u{04}")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
        let history = try String(contentsOfFile: home + "/.nnlab_history", encoding: .utf8)
        XCTAssertTrue(history.contains("status"), history)
        XCTAssertFalse(history.contains("half"), history)
    }

    func testAnUnwritableHomeIsAWarningNotAFailure() throws {
        // Root can write anywhere, so the folder is made unusable another way: $HOME is a plain file.
        let file = home + "/not-a-folder"
        try "".write(toFile: file, atomically: true, encoding: .utf8)
        for unusable in [file, home + "/missing/folder"] {
            let t = try PseudoTerminal(home: unusable)
            defer { t.close() }
            try t.waitFor("nnlab> ")
            try t.type("data circles", thenWaitFor: "data: circles, 200 points")
            t.type("quit")
            XCTAssertEqual(try t.waitForExit(), 0, t.output)
            XCTAssertTrue(t.output.contains("warning: history not saved: cannot write \(unusable)/.nnlab_history: "), t.output)
        }
        // A history "file" that is a folder: a warning on reading and on saving, and the session works.
        try FileManager.default.createDirectory(atPath: home + "/.nnlab_history", withIntermediateDirectories: true)
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        XCTAssertTrue(t.output.contains("warning: cannot read history from \(home)/.nnlab_history; going on without it"), t.output)
        try t.type("status", thenWaitFor: "trained: not yet")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
        XCTAssertTrue(t.output.contains("warning: history not saved: cannot write \(home)/.nnlab_history: it is a folder"), t.output)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home).sorted(), [".nnlab_history", "not-a-folder"],
                       "the failed save leaves no temporary file")
    }

    /// The history is written as `save` writes (issue 17): through a symbolic link to its target (the
    /// link stays), keeping the file's permissions, and a read-only history is left as it is, with a warning.
    func testTheHistoryKeepsItsLinkAndPermissionsAndAReadOnlyOneIsKept() throws {
        let real = home + "/dotfiles/history"
        try FileManager.default.createDirectory(atPath: home + "/dotfiles", withIntermediateDirectories: true)
        try "_HiStOrY_V2_\nstatus\n".write(toFile: real, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(real, 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: home + "/.nnlab_history", withDestinationPath: "dotfiles/history")
        func session(_ line: String, answer: String) throws -> String {
            let t = try PseudoTerminal(home: home)
            defer { t.close() }
            try t.waitFor("nnlab> ")
            try t.type(line, thenWaitFor: answer)
            t.type("quit")
            XCTAssertEqual(try t.waitForExit(), 0, t.output)
            return t.output
        }
        let first = try session("help quit", answer: "leave nnlab")
        XCTAssertFalse(first.contains("warning"), first)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: home + "/.nnlab_history"), "dotfiles/history",
                       "the link stays a link")
        XCTAssertTrue(try String(contentsOfFile: real, encoding: .utf8).contains("help\\040quit"))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? Int, 0o600)

        XCTAssertEqual(chmod(real, 0o400), 0)
        let before = try String(contentsOfFile: real, encoding: .utf8)
        let second = try session("status", answer: "trained: not yet")
        XCTAssertTrue(second.contains("warning: history not saved: cannot write \(home)/.nnlab_history: it is read-only"), second)
        XCTAssertEqual(try String(contentsOfFile: real, encoding: .utf8), before, "a read-only history is not replaced")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? Int, 0o400)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home + "/dotfiles"), ["history"], "no temporary file is left")
    }

    func testAnOldHistoryIsReadAndKeptWhole() throws {
        let old = (0..<1500).map { "status\\040\($0)" }
        try (["_HiStOrY_V2_"] + old).map { $0 + "\n" }.joined().write(toFile: home + "/.nnlab_history", atomically: true, encoding: .utf8)
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        t.send("\u{1B}[A") // up arrow: the last line of the old history
        try t.waitFor("status 1499")
        t.send("\u{15}") // Ctrl-U clears the line
        try t.type("help quit", thenWaitFor: "leave nnlab")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
        let lines = try String(contentsOfFile: home + "/.nnlab_history", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "_HiStOrY_V2_")
        XCTAssertEqual(lines.count, 1001, "capped at 1000 lines")
        XCTAssertEqual(lines.suffix(3), ["status\\0401499", "help\\040quit", "quit"])
    }

    func testAHistoryThatDoesNotFitLeavesTheOldOneWhole() throws {
        let old = (["_HiStOrY_V2_"] + (0..<300).map { "status\\040\($0)" }).map { $0 + "\n" }.joined()
        try old.write(toFile: home + "/.nnlab_history", atomically: true, encoding: .utf8)
        // 2 blocks of 512 bytes: the history (4 KB) cannot be written again; nnlab is not killed by SIGXFSZ.
        let t = try PseudoTerminal(home: home, fileSizeLimit: 2)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("status", thenWaitFor: "trained: not yet")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
        XCTAssertTrue(t.output.contains("warning: history not saved: cannot write \(home)/.nnlab_history: "
                                        + "it came out short (a full disk or a file size limit)"), t.output)
        XCTAssertEqual(try String(contentsOfFile: home + "/.nnlab_history", encoding: .utf8), old)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home), [".nnlab_history"], "no temporary file is left")
    }

    func testTabCompletesValuesAndFileNamesAsAPersonTypes() throws {
        try FileManager.default.createDirectory(atPath: home + "/data/more", withIntermediateDirectories: true)
        try "x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n2,2,1\n3,3,0\n".write(toFile: home + "/data/points.csv", atomically: true, encoding: .utf8)
        try "".write(toFile: home + "/data/notes.txt", atomically: true, encoding: .utf8)
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        // A value after `key=`: the choice, not a key name (libedit broke words at `=`).
        t.send("train optimizer=\t\t")
        try t.waitFor("optimizer=momentum")
        XCTAssertTrue(t.output.contains("optimizer=rmsprop"), t.output)
        t.send("\u{15}")
        t.send("set color=of\t\r")
        try t.waitFor("nnlab> ", count: 3)
        t.send("data circles scale=of\t\r")
        try t.waitFor("data: circles, 200 points")
        // File names: a folder first (no space after it), then the CSV in it; other files are not offered.
        t.send("data load file=\(home)/da\t")
        try t.waitFor("ta/")
        t.send("po\t\r")
        try t.waitFor("classes 3 / 3")
        t.send("data load file=\(home)/data/\t\t")
        try t.waitFor("more/")
        XCTAssertFalse(t.output.contains("notes.txt"), t.output)
        t.send("\u{15}")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
        XCTAssertFalse(t.output.contains("error:"), t.output)
        let history = try String(contentsOfFile: home + "/.nnlab_history", encoding: .utf8)
        for line in ["set color=off", "data circles scale=off", "data load file=\(home)/data/points.csv"] {
            XCTAssertTrue(history.contains(line.replacingOccurrences(of: " ", with: "\\040")), history)
        }
    }

    func testALessonResumedInANewSessionHasWhatItNeeds() throws {
        // The reproduction from the issue: four steps, quit, start again, resume, Enter.
        let first = try PseudoTerminal(home: home)
        defer { first.close() }
        try first.waitFor("nnlab> ")
        try first.type("lesson overfitting", thenWaitFor: "next: data moons n=60 noise=0.35")
        try first.type("", thenWaitFor: "next: model dense64 relu dense64 relu")
        try first.type("", thenWaitFor: "next: train lr=0.01 epochs=1000")
        try first.type("", thenWaitFor: "next: evaluate")
        try first.type("", thenWaitFor: "next: plot boundary")
        first.type("quit")
        XCTAssertEqual(try first.waitForExit(), 0, first.output)

        let second = try PseudoTerminal(home: home)
        defer { second.close() }
        try second.waitFor("nnlab> ")
        try second.type("lesson", thenWaitFor: "next: plot boundary")
        XCTAssertTrue(second.output.contains("resuming overfitting: ran its first 4 commands again to rebuild the session"), second.output)
        try second.type("", thenWaitFor: "next: plot loss")
        try second.type("", thenWaitFor: "next: diagnose")
        try second.type("lesson stop", thenWaitFor: "left lesson overfitting at step 7 of 17")
        try second.type("lesson list", thenWaitFor: ". overfitting")
        second.type("quit")
        XCTAssertEqual(try second.waitForExit(), 0, second.output)
        XCTAssertFalse(second.output.contains("error:"), second.output)
        XCTAssertTrue(second.output.contains("decision boundary"), second.output)
    }

    func testAt80By24ProseWrapsUnderItsLabelAndPlotsKeepTheirTitle() throws {
        let t = try PseudoTerminal(home: home, columns: 80, rows: 24)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data circles", thenWaitFor: "data: circles")
        try t.type("model linear", thenWaitFor: "model: ")
        try t.type("train", thenWaitFor: "epoch 500:")
        try t.type("diagnose", thenWaitFor: "diagnose verify runs")
        try t.type("plot boundary", thenWaitFor: "model predicts 1")
        try t.waitFor("nnlab> ", count: 6)
        let screen = t.output.replacingOccurrences(of: "\r", with: "")
        let diagnosis = try XCTUnwrap(screen.components(separatedBy: "nnlab> diagnose\n").last?.components(separatedBy: "nnlab> ").first)
        let lines = diagnosis.split(separator: "\n")
        XCTAssertTrue(lines.count > 20, diagnosis)
        for line in lines { XCTAssertLessThanOrEqual(line.count, 80, "too wide: \(line)") }
        // The evidence (over 200 characters on one line when piped) hangs under its own text.
        let evidence = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  evidence: ") })
        XCTAssertTrue(lines[evidence + 1].hasPrefix(String(repeating: " ", count: 12)) && lines[evidence + 1].dropFirst(12).first != " ",
                      diagnosis)
        XCTAssertTrue(lines.contains { $0.hasPrefix("       ") && !$0.hasPrefix("        ") }, "why: continues under its text\n\(diagnosis)")
        // The decision map with its title fits above the prompt.
        let plot = try XCTUnwrap(screen.components(separatedBy: "nnlab> plot boundary\n").last?.components(separatedBy: "nnlab> ").first)
        XCTAssertTrue(plot.hasPrefix("x2  circles: decision boundary"), plot)
        XCTAssertLessThanOrEqual(plot.split(separator: "\n").count, 22, plot)
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
    }

    /// A sweep at the terminal says each setting as it finishes; Ctrl-C keeps the finished ones (issue 18).
    func testASweepShowsProgressAndKeepsFinishedSettingsOnControlC() throws {
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data circles n=2000", thenWaitFor: "data: circles, 2000 points")
        try t.type("model dense32 relu", thenWaitFor: "model: dense(2→32)")
        // Each setting takes seconds here; the last two would take many more.
        t.type("sweep lr=0.01,0.1 epochs=2000 seeds=2 batch=32,64,128")
        try t.waitFor("setting 1/6 (lr=0.01 epochs=2000 batch=32): test median")
        t.interrupt()
        try t.waitFor("interrupted: kept what finished")
        try t.waitFor("nnlab> ", count: 4)
        let screen = t.output.replacingOccurrences(of: "\r", with: "")
        let table = try XCTUnwrap(screen.components(separatedBy: "seeds of dense(2→32)").last)
        XCTAssertTrue(table.contains("\n0.01 "), screen)
        XCTAssertTrue(table.contains("← best") && table.contains("a tie goes to the lower median test loss"), screen)
        XCTAssertFalse(screen.contains("0 settings"), screen)
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
    }

    func testARealControlCThroughTheTerminal() throws {
        let t = try PseudoTerminal(home: home, controlling: true)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        t.send("some half typed line")
        try t.waitFor("half typed line")
        t.send("\u{03}")
        try t.waitFor("nnlab> ", count: 2)
        try t.type("data circles n=2000", thenWaitFor: "data: circles, 2000 points")
        try t.type("model dense32 relu", thenWaitFor: "model: dense(2→32)")
        t.type("train epochs=50000")
        try t.waitFor("/50000 · loss")
        t.send("\u{03}")
        try t.waitFor("the model keeps what it learned in")
        try t.type("status", thenWaitFor: "trained: ")
        XCTAssertFalse(t.output.contains("unknown command"), t.output)
        t.send("\u{04}")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
        XCTAssertTrue(try String(contentsOfFile: home + "/.nnlab_history", encoding: .utf8).contains("status"))
    }
}

/// Tests that run nnlab on a pseudo-terminal, each with a fresh $HOME of its own (for the history file).
class PseudoTerminalTestCase: XCTestCase {
    var home = ""

    override func setUpWithError() throws {
        home = NSTemporaryDirectory() + "nnlab-pty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: home)
    }
}

/// A child process on the slave side of a pseudo-terminal; everything it writes is collected
/// from the master side by a reader thread. Spawned and reaped here (posix_spawn, waitpid), not by
/// Foundation's Process, which lost track of a child in a session of its own.
final class PseudoTerminal: @unchecked Sendable {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String, output: String
        var description: String { "timed out waiting for \(waitingFor.debugDescription); the terminal shows:\n\(output)" }
    }

    let master: Int32
    private(set) var pid: pid_t = 0
    private var status: Int32?
    private let lock = NSLock()
    private var bytes = Data()
    private let done = DispatchSemaphore(value: 0)
    private var readerDone = false
    /// Generous: a loaded two-core machine building other things is slow, never this slow.
    let timeout: TimeInterval = 120

    /// `controlling`: nnlab starts a session of its own with this terminal as its controlling
    /// terminal, so a typed ^C raises SIGINT as in a real terminal. Otherwise it runs in a process
    /// group of its own (as a shell's job would) and `interrupt()` sends the signal.
    /// `fileSizeLimit` (in 512-byte blocks) runs nnlab through `sh -c 'ulimit -f N; exec nnlab'`.
    init(home: String, controlling: Bool = false, fileSizeLimit: Int? = nil, columns: UInt16 = 100, rows: UInt16 = 40) throws {
        master = LibC.posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, LibC.grantpt(master) == 0, LibC.unlockpt(master) == 0, let name = LibC.ptsname(master) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        let slavePath = String(cString: name)
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { Glibc.close(slave) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if controlling {
            // After setsid, opening the terminal (without O_NOCTTY) makes it the controlling one.
            posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        } else {
            for fd: Int32 in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setsid: Int16 = 0x80, setpgroup: Int16 = 0x02, setsigmask: Int16 = 0x08, setsigdef: Int16 = 0x04
        posix_spawnattr_setflags(&attributes, (controlling ? setsid : setpgroup) | setsigmask | setsigdef)
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGQUIT, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let binary = Executable.url.path
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["TERM"] = "xterm"
        environment["NO_COLOR"] = "1"
        let program = fileSizeLimit == nil ? binary : "/bin/sh"
        let arguments = fileSizeLimit.map { ["sh", "-c", "ulimit -f \($0); exec \"$0\"", binary] } ?? [binary]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }

        let fd = master
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break } // EIO once the child has closed the terminal
                lock.lock()
                bytes.append(contentsOf: buffer[0..<n])
                lock.unlock()
            }
            done.signal()
        }
    }

    /// All the terminal has shown so far (with the line editor's escape sequences).
    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }

    func send(_ text: String) {
        let data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Types a line and presses Enter.
    func type(_ line: String) { send(line + "\r") }

    func type(_ line: String, thenWaitFor text: String) throws {
        let before = output.components(separatedBy: text).count - 1
        type(line)
        try waitFor(text, count: before + 1)
    }

    /// What the terminal sends on ^C.
    func interrupt() { kill(pid, SIGINT) }

    /// False once the child has ended (and been reaped).
    var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
        // Exit status, or 128 + the signal as a shell reports it.
        status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        return false
    }

    /// Waits until `text` has appeared `count` times; an error printed meanwhile ends the wait at once.
    func waitFor(_ text: String, count: Int = 1) throws {
        let deadline = Date().addingTimeInterval(timeout)
        let errors = output.components(separatedBy: "error: ").count
        while output.components(separatedBy: text).count - 1 < count {
            guard Date() < deadline, isRunning, output.components(separatedBy: "error: ").count == errors else {
                usleep(200_000) // the last output of a process that ended
                if output.components(separatedBy: text).count - 1 >= count { return }
                throw Timeout(waitingFor: text, output: output)
            }
            usleep(20_000)
        }
    }

    /// The exit status (128 + signal when a signal ended it).
    func waitForExit() throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            guard Date() < deadline else { throw Timeout(waitingFor: "the process to end", output: output) }
            usleep(20_000)
        }
        waitForReader()
        return status!
    }

    /// The reader sees the end once the child has closed the terminal.
    private func waitForReader() {
        if !readerDone, done.wait(timeout: .now() + 5) == .success { readerDone = true }
    }

    func close() {
        if ProcessInfo.processInfo.environment["NNLAB_PTY_DEBUG"] != nil { print("PTY OUTPUT:\n" + output.debugDescription) }
        if isRunning {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            waitpid(pid, &raw, 0)
        }
        waitForReader()
        Glibc.close(master)
    }
}

/// glibc declares the pseudo-terminal calls only for _XOPEN_SOURCE, so Swift's Glibc module
/// does not show them: they are looked up by name.
enum LibC {
    private static let handle = dlopen(nil, RTLD_NOW)
    private static func function<T>(_ name: String, as type: T.Type) -> T {
        unsafeBitCast(dlsym(handle, name)!, to: type)
    }
    static let posix_openpt = function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    static let grantpt = function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    static let unlockpt = function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    static let ptsname = function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
}

extension String {
    /// The first capture group of a regular expression, if it matches.
    func firstMatch(_ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: self, range: NSRange(startIndex..., in: self)), match.numberOfRanges > 1,
              let range = Range(match.range(at: 1), in: self) else { return nil }
        return String(self[range])
    }
}
