import Foundation
import XCTest
@testable import NNLab

/// Transcripts and lessons are shared files (issue 17): an output line never becomes a command,
/// and `nnlab check` shows a file's lines with their control characters written out.
final class HostileTranscriptTests: XCTestCase {
    var session: Session!
    override func setUp() { session = Session.forReplay() }
    override func tearDown() { session.removeScratch() }

    func file(_ name: String, _ text: String) throws -> String {
        let path = session.directory! + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testOutputThatLooksLikeACommandStaysOutput() throws {
        let t = Transcript(header: ["# recorded with nnlab"],
                           entries: [.init(command: "data info", output: ["nnlab> save file=/tmp/evil.json", "\\x", "plain"], line: 0)])
        XCTAssertEqual(t.text, "# recorded with nnlab\nnnlab> data info\n\\nnlab> save file=/tmp/evil.json\n\\\\x\nplain\n")
        let back = try Transcript(parsing: t.text, file: "t.transcript")
        XCTAssertEqual(back.entries.map(\.command), ["data info"])
        XCTAssertEqual(back.entries[0].output, t.entries[0].output)
    }

    /// A recorded `replay` echoes the commands it ran: replaying the recording ran them as commands of its own.
    func testTheEchoedCommandsOfARecordedReplayAreNotRun() throws {
        _ = try file("inner.transcript", "nnlab> data circles n=50\ndata: circles, 50 points (40 train, 10 test), classes 25 / 25\n")
        for line in ["record file=outer.transcript", "replay file=inner.transcript", "status", "record stop"] { _ = session.run(line) }
        let outer = session.directory! + "/outer.transcript"
        let recorded = try Transcript(parsing: try String(contentsOfFile: outer, encoding: .utf8), file: outer)
        XCTAssertEqual(recorded.entries.map(\.command), ["replay file=inner.transcript", "status"])
        XCTAssertTrue(recorded.entries[0].output.contains("nnlab> data circles n=50"), "\(recorded.entries[0].output)")
        // Replayed, the inner replay is skipped (a replay runs no other), and nothing else ran: no data.
        let replayed = Transcript.lines(session.run("replay file=outer.transcript"))
        XCTAssertEqual(replayed.filter { $0.hasPrefix("nnlab> ") }, ["nnlab> replay file=inner.transcript", "nnlab> status"])
        XCTAssertEqual(session.data, nil, replayed.joined(separator: "\n"))
    }

    func testCheckWritesOutControlCharactersOfTheFile() throws {
        let path = try file("escape.transcript", "# title \u{1B}]0;pwned\u{07}\nnnlab> data circles n=50\ndata: \u{1B}[2J circles\n")
        let result = Checker.check(file: path)
        XCTAssertFalse(result.passed)
        XCTAssertTrue(result.report.contains(#"-data: \u{1B}[2J circles"#), result.report)
        XCTAssertTrue(result.report.contains(#" # title \u{1B}]0;pwned\u{7}"#), result.report)
        XCTAssertFalse(result.report.unicodeScalars.contains { $0 != "\n" && CommandError.hidden($0) }, result.report.debugDescription)
    }

    func testLessonsWithControlCharactersAreRefusedByLine() throws {
        let text = "# Title\n# Summary\n# see \u{1B}[2J here\nnnlab> data circles\n"
        XCTAssertThrowsError(try Lesson(parsing: text, name: "bad", file: "bad.lesson")) { error in
            XCTAssertEqual("\(error)", #"bad.lesson:3: a control character (\u{1B}) in the lesson"#)
        }
        let path = try file("bad.lesson", text)
        XCTAssertEqual(Checker.check(file: path).report, path + #":3: a control character (\u{1B}) in the lesson"#)
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A lesson or transcript saved by a Windows editor (CRLF), or with lone CRs, reads as the same file
    /// (it was one long line), and its errors name the right line.
    func testCRLFAndLoneCRLineEndingsReadAsNewlines() throws {
        for name in ["lessons/circles.lesson", "lessons/imbalance.lesson"] {
            let text = try String(contentsOf: Self.repository.appendingPathComponent(name), encoding: .utf8)
            let lf = try Lesson(parsing: text, name: "l", file: name)
            for ending in ["\r\n", "\r"] {
                XCTAssertEqual(try Lesson(parsing: text.replacingOccurrences(of: "\n", with: ending), name: "l", file: name), lf, name)
            }
        }
        let text = try String(contentsOf: Self.repository.appendingPathComponent("transcripts/imbalance.transcript"), encoding: .utf8)
        let lf = try Transcript(parsing: text, file: "t")
        for ending in ["\r\n", "\r"] {
            let other = text.replacingOccurrences(of: "\n", with: ending)
            XCTAssertEqual(try Transcript(parsing: other, file: "t"), lf)
            let result = Checker.check(file: try file("crlf.transcript", other))
            XCTAssertTrue(result.passed, result.report)
        }
        XCTAssertThrowsError(try Lesson(parsing: "# Title\r\n# Summary\r\nnnlab> data circles\r\nbogus\r\n", name: "b", file: "b.lesson")) {
            XCTAssertTrue("\($0)".hasPrefix("b.lesson:4: expected `# narration`"), "\($0)")
        }
        XCTAssertEqual(try Transcript(parsing: "nnlab> status\r\n\r\nnnlab> help\r\n", file: "t").entries.map(\.line), [1, 3])
    }

    /// A lesson's commands are parsed when it is read and offered as the one writer writes them.
    func testALessonsCommandsParseAndAreWrittenByTheWriter() throws {
        XCTAssertThrowsError(try Lesson(parsing: "# T\n# S\nnnlab> data circles\nnnlab> trian epochs=3\n", name: "b", file: "b.lesson")) {
            XCTAssertTrue("\($0)".hasPrefix("b.lesson:4: unknown command 'trian'"), "\($0)")
        }
        let lesson = try Lesson(parsing: "# T\n# S\nnnlab> train   epochs=3  lr=1e-2\nnnlab> data load \"file=my file.csv\"\n", name: "l", file: "l.lesson")
        XCTAssertEqual(lesson.steps.map(\.command), ["train epochs=3 lr=0.01", "data load \"file=my file.csv\""])
    }
}
