import Foundation
import XCTest
@testable import NNLab

/// Every lesson and transcript in the repository, replayed: the teaching material is the test suite.
final class ReplayTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folder: String, _ ext: String) -> [String] {
        let dir = root.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(ext) }.sorted().map { dir + "/" + $0 }
    }

    func testEveryLessonKeepsItsPromises() {
        let lessons = Self.files("lessons", ".lesson")
        XCTAssertGreaterThanOrEqual(lessons.count, 6)
        for file in lessons {
            let result = Checker.check(file: file)
            XCTAssertTrue(result.passed, result.report)
        }
    }

    func testEveryTranscriptReplaysByteForByte() {
        let transcripts = Self.files("transcripts", ".transcript")
        XCTAssertGreaterThanOrEqual(transcripts.count, 6)
        for file in transcripts {
            let result = Checker.check(file: file)
            XCTAssertTrue(result.passed, "\(file) differs; if on purpose: nnlab check --update \(file)\n\(result.report)")
        }
    }

    func testEachLessonHasAGoldenTranscriptOfItsCommands() throws {
        for file in Self.files("lessons", ".lesson") {
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let lesson = try Lesson(parsing: String(contentsOfFile: file, encoding: .utf8), name: name, file: file)
            let path = Self.root.appendingPathComponent("transcripts/\(name).transcript").path
            let transcript = try Transcript(parsing: String(contentsOfFile: path, encoding: .utf8), file: path)
            XCTAssertEqual(transcript.entries.map(\.command), lesson.steps.map(\.command), name)
            XCTAssertTrue(lesson.steps.last!.command.hasPrefix("diagnose"), "\(name) ends with diagnose")
            XCTAssertFalse(lesson.closing.isEmpty, "\(name) explains what the diagnosis found")
        }
    }

    func testOneChangedCharacterFailsTheCheckWithADiff() throws {
        var text = try String(contentsOfFile: Self.root.appendingPathComponent("transcripts/circles.transcript").path, encoding: .utf8)
        let range = text.range(of: "test 32.5%")!
        text.replaceSubrange(range, with: "test 32.6%")
        let copy = NSTemporaryDirectory() + "nnlab-mutated-\(getpid()).transcript"
        try text.write(toFile: copy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let result = Checker.check(file: copy)
        XCTAssertFalse(result.passed)
        XCTAssertTrue(result.report.contains("-epoch 500: loss 0.691 · train 53.8% · test 32.6%"), result.report)
        XCTAssertTrue(result.report.contains("+epoch 500: loss 0.691 · train 53.8% · test 32.5%"), result.report)
        XCTAssertTrue(result.report.hasPrefix("--- \(copy)\n+++ \(copy) (replayed)\n@@ -"), result.report)

        // A lost blank line is a difference too.
        let original = try String(contentsOfFile: Self.root.appendingPathComponent("transcripts/circles.transcript").path, encoding: .utf8)
        try original.replacingOccurrences(of: "\n\nproblem[", with: "\nproblem[").write(toFile: copy, atomically: true, encoding: .utf8)
        XCTAssertFalse(Checker.check(file: copy).passed, "a missing blank line must fail")
        try text.write(toFile: copy, atomically: true, encoding: .utf8)

        // The same from the shell: a diff and exit status 1; --update blesses the change.
        let shell = try Executable.run(["check", copy], input: "")
        XCTAssertEqual(shell.status, 1)
        XCTAssertTrue(shell.stdout.contains("+epoch 500"))
        XCTAssertEqual(try Executable.run(["check", "--update", copy], input: "").status, 0)
        XCTAssertEqual(try Executable.run(["check", copy], input: "").status, 0)
    }

    func testMalformedFilesAreNamedByFileAndLine() throws {
        let dir = NSTemporaryDirectory()
        let lesson = dir + "nnlab-bad-\(getpid()).lesson"
        try "# title\n# summary\nnlab> data circles\n".write(toFile: lesson, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: lesson) }
        XCTAssertEqual(Checker.check(file: lesson).report,
                       "\(lesson):3: expected `# narration`, `nnlab> command` or `expect ...`, got 'nlab> data circles'")
        try "# title\n# summary\nnnlab> data circles\nexpect finding no-such-thing\n".write(toFile: lesson, atomically: true, encoding: .utf8)
        XCTAssertTrue(Checker.check(file: lesson).report.hasPrefix("\(lesson):4: unknown finding id 'no-such-thing'"))
        try "# title\n# summary\nnnlab> data circles\nexpect test >= 0.5\n".write(toFile: lesson, atomically: true, encoding: .utf8)
        XCTAssertEqual(Checker.check(file: lesson).report, "\(lesson):3: expect test >= 0.5: nothing is trained yet")
        XCTAssertEqual(Checker.check(file: dir + "nnlab-missing.transcript").report,
                       "cannot read \(dir)nnlab-missing.transcript: no such file or directory")
    }

    func testRecordThenReplayAtThePrompt() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        _ = s.run("record file=t.transcript")
        _ = s.run("data circles n=50")
        _ = s.run("trian")
        XCTAssertEqual(s.run("record stop"), [.text("stopped recording t.transcript (2 commands)")])
        let text = try String(contentsOfFile: s.directory! + "/t.transcript", encoding: .utf8)
        XCTAssertEqual(text, """
            # recorded with nnlab
            nnlab> data circles n=50
            data: circles, 50 points (40 train, 10 test), classes 25 / 25
            nnlab> trian
            error: unknown command 'trian'; did you mean train? (type help for the list)
              trian
              ^

            """)
        let replayed = s.run("replay file=t.transcript")
        XCTAssertEqual(replayed.last, .text("replayed 2 commands from t.transcript: every output matches the recording"))
    }
}
