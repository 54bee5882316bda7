import Foundation
import XCTest
import NNCore

/// Ctrl-C answers within a fraction of a second wherever the work is: inside one long epoch, inside
/// diagnose's analyzers, inside verify's experiments, inside evaluate's and plot's passes over a wide
/// model, and across a whole replay. SIGINT is sent as the terminal's ^C would be (see
/// PseudoTerminalTests) and the time until nnlab says it stopped is measured. The bound is generous
/// (a shared test machine with eight builds on two cores; the debug build): what it rules out is the old
/// behaviour, an answer only after the epoch, the analyzer, the pass or the command (seconds here).
/// The figures measured are in the commits and Benchmarks/README.md.
final class ControlCLatencyTests: PseudoTerminalTestCase {
    static let bound = 1.0

    /// Sends SIGINT and returns the seconds until `answer` shows.
    func interrupt(_ t: PseudoTerminal, thenWaitFor answer: String, count: Int = 1) throws -> Double {
        let sent = Date()
        t.interrupt()
        try t.waitFor(answer, count: count)
        let latency = Date().timeIntervalSince(sent)
        print("Ctrl-C answered in \(Int(latency * 1000)) ms (\(answer))")
        return latency
    }

    func testInsideOneLongEpoch() throws {
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data circles n=20000", thenWaitFor: "data: circles, 20000 points")
        try t.type("model dense512 relu dense512 relu dense512 relu", thenWaitFor: "527361 parameters")
        // One epoch: about 4e10 multiply-adds, seconds even with the fastest kernels.
        t.type("train epochs=1")
        usleep(1_000_000)
        XCTAssertLessThan(try interrupt(t, thenWaitFor: "interrupted before epoch 1"), Self.bound, t.output)
        try t.waitFor("the model keeps what it learned in 0 epochs")
        try t.type("status", thenWaitFor: "trained: ")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
    }

    /// 20,000 rows of 50 features from a file: the neighbour search alone is a second or more.
    func testInsideDiagnosesNeighbourSearch() throws {
        var rng = RandomState(seed: 5)
        var csv = (1...50).map { "x\($0)" }.joined(separator: ",") + ",label\n"
        for _ in 0..<20_000 {
            let x = (0..<50).map { _ in rng.normal() }
            csv += x.map { String(format: "%.4f", $0) }.joined(separator: ",") + (x[0] + x[1] > 0 ? ",1\n" : ",0\n")
        }
        try csv.write(toFile: home + "/wide.csv", atomically: true, encoding: .utf8)
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data load file=\(home)/wide.csv", thenWaitFor: "20000 points")
        try t.type("model dense16 relu", thenWaitFor: "model: dense(50→16)")
        try t.type("train epochs=1", thenWaitFor: "epoch 1: loss")
        t.type("diagnose")
        usleep(300_000)
        XCTAssertLessThan(try interrupt(t, thenWaitFor: "interrupted: the report is incomplete"), Self.bound, t.output)
        try t.type("status", thenWaitFor: "trained: 1 epochs")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
    }

    func testInsideVerifysExperiments() throws {
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data circles n=20000", thenWaitFor: "data: circles, 20000 points")
        try t.type("model linear", thenWaitFor: "model: dense(2→1)")
        try t.type("train epochs=300", thenWaitFor: "epoch 300: loss")
        // Two settings × 5 seeds × 300 epochs on 16,000 rows after the report: seconds of training.
        t.type("diagnose verify")
        usleep(1_500_000)
        XCTAssertLessThan(try interrupt(t, thenWaitFor: "interrupted: the report is incomplete"), Self.bound, t.output)
        try t.type("status", thenWaitFor: "trained: 300 epochs")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
    }

    /// evaluate and plot measure a wide model a slice of rows at a time: four dense512 layers over 20,000
    /// points are seconds of work for either. Stopped, each says so in one line and the session goes on.
    func testInsideEvaluateAndPlot() throws {
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        try t.type("data circles n=20000", thenWaitFor: "data: circles, 20000 points")
        try t.type("model dense512 relu dense512 relu dense512 relu dense512 relu", thenWaitFor: "790017 parameters")
        t.type("train epochs=1")
        usleep(300_000)
        t.interrupt()
        try t.waitFor("the model keeps what it learned in 0 epochs")
        // The units plot first sums each unit's pull over the 16,000 training rows (tens of seconds here).
        for command in ["evaluate", "plot", "plot units"] {
            t.type(command)
            usleep(500_000)
            let verb = command.split(separator: " ")[0]
            XCTAssertLessThan(try interrupt(t, thenWaitFor: "interrupted: \(verb) stopped before it finished; nothing changed",
                                            count: command == "plot units" ? 2 : 1),
                              Self.bound, t.output)
        }
        try t.type("status", thenWaitFor: "trained: ")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
    }

    /// One Ctrl-C ends the whole replay: the command it landed in keeps what it did, the rest do not run.
    func testOneControlCStopsAWholeReplay() throws {
        let transcript = ["data circles n=2000", "model dense32 relu", "train epochs=40000", "train epochs=40000", "status"]
            .map { "nnlab> \($0)\n" }.joined()
        try transcript.write(toFile: home + "/long.transcript", atomically: true, encoding: .utf8)
        let t = try PseudoTerminal(home: home)
        defer { t.close() }
        try t.waitFor("nnlab> ")
        t.type("replay file=\(home)/long.transcript")
        try t.waitFor("/40000 · loss")
        XCTAssertLessThan(try interrupt(t, thenWaitFor: "interrupted: stopped after 3 of 5 commands"), Self.bound, t.output)
        // Wrapped to the terminal's width.
        XCTAssertTrue(t.output.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression).contains("keeps what they did"), t.output)
        XCTAssertEqual(t.output.components(separatedBy: "interrupted before epoch").count - 1, 1, t.output)
        XCTAssertFalse(t.output.contains("nnlab> status\r\n"), "the last command did not run: " + t.output)
        try t.type("status", thenWaitFor: "trained: ")
        t.type("quit")
        XCTAssertEqual(try t.waitForExit(), 0, t.output)
    }
}
