import XCTest
@testable import NNLab

/// `lesson NAME` at the prompt: narration, the offered command on Enter, variations checked.
final class LessonWalkthroughTests: XCTestCase {
    func session() -> Session {
        let s = Session.forReplay()
        s.lessonsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons").path
        return s
    }

    func joined(_ outputs: [Output]) -> String {
        Transcript.lines(outputs).joined(separator: "\n")
    }

    func testEnterRunsTheOfferedCommandAndTheLessonGoesOn() {
        let s = session()
        defer { s.removeScratch() }
        let list = joined(s.run("lesson"))
        XCTAssertTrue(list.contains("circles") && list.contains("overfitting"), list)
        let start = joined(s.run("lesson circles"))
        XCTAssertTrue(start.hasSuffix("next: data circles   (Enter runs it, or type your own)"), start)
        let step = joined(s.run(""))
        XCTAssertTrue(step.hasPrefix("nnlab> data circles\ndata: circles, 200 points"), step)
        XCTAssertTrue(step.hasSuffix("next: plot data   (Enter runs it, or type your own)"), step)
        // An aside runs and the lesson waits, saying where it stands.
        let aside = joined(s.run("status"))
        XCTAssertTrue(aside.hasSuffix("(lesson circles: Enter runs `plot data`)"), aside)
        XCTAssertTrue(joined(s.run("lesson")).hasPrefix("resuming circles:"))

        // A new session picks up where this one stopped.
        let memory = s.directory! + "/lesson-memory"
        s.lessonMemory = memory
        _ = s.run("lesson circles")
        _ = s.run("")
        let next = session()
        defer { next.removeScratch() }
        next.lessonMemory = memory
        XCTAssertTrue(joined(next.run("lesson")).hasPrefix("resuming circles:\n"))
        XCTAssertTrue(joined(next.run("lesson")).hasSuffix("next: plot data   (Enter runs it, or type your own)"))
    }

    func testAVariationThatBreaksAnExpectationIsNamedPlainly() {
        let s = session()
        defer { s.removeScratch() }
        _ = s.run("lesson hidden-layer")
        _ = s.run("")                     // data circles
        _ = s.run("")                     // model dense16 relu
        let mine = joined(s.run("train epochs=3"))   // the learner's own, far too short
        XCTAssertTrue(mine.contains("lesson: your variation breaks what the lesson expects:\n  test >= 0.95: test is"), mine)
        XCTAssertTrue(mine.hasSuffix("next: evaluate   (Enter runs it, or type your own)"), mine)
    }

    func testFinishingALessonSaysSo() {
        let s = session()
        defer { s.removeScratch() }
        _ = s.run("lesson circles")
        var last = ""
        for _ in 0..<7 { last = joined(s.run("")) }
        XCTAssertTrue(last.contains("problem[linear-inseparable]"), last)
        XCTAssertTrue(last.hasSuffix("lesson circles done. Type lesson for the others."), last)
        XCTAssertFalse(last.contains("breaks"), last)
        XCTAssertEqual(s.run(""), [], "after the lesson, Enter does nothing")
    }
}
