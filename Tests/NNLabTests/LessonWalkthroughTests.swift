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
        // Its earlier commands run again, so the next step has the data it needs.
        let resumed = joined(next.run("lesson"))
        XCTAssertTrue(resumed.hasPrefix("resuming circles: ran its first 1 command again to rebuild the session\n"), resumed)
        XCTAssertTrue(resumed.hasSuffix("next: plot data   (Enter runs it, or type your own)"), resumed)
        let plot = joined(next.run(""))
        XCTAssertFalse(plot.contains("error"), plot)
        XCTAssertTrue(plot.contains("circles"), plot)
    }

    func testAVariationThatBreaksAnExpectationIsNamedPlainly() {
        let s = session()
        defer { s.removeScratch() }
        _ = s.run("lesson hidden-layer")
        _ = s.run("")                     // data circles
        _ = s.run("")                     // model dense16 relu
        let mine = joined(s.run("train epochs=3"))   // the learner's own, far too short
        XCTAssertTrue(mine.contains("lesson: your variation breaks what the lesson expects:\n  test >= 0.95: test is"), mine)
        // It goes back to the step, offering the lesson's own command.
        XCTAssertTrue(mine.contains("its own `train` where you typed `train epochs=3`"), mine)
        XCTAssertTrue(mine.hasSuffix("next: train   (Enter runs it, or type your own)"), mine)
    }

    func testAVariationThatBreaksALaterExpectationGoesBackToIt() {
        let s = session()
        defer { s.removeScratch() }
        _ = s.run("lesson hidden-layer")
        _ = s.run("")                                     // data circles
        let model = joined(s.run("model dense2 relu"))    // a variation that no expectation checks yet
        XCTAssertTrue(model.hasSuffix("next: train   (Enter runs it, or type your own)"), model)
        let train = joined(s.run(""))                     // the lesson's train, on the learner's model
        XCTAssertTrue(train.contains("lesson: this step breaks what the lesson expects:\n  test >= 0.95: test is"), train)
        XCTAssertTrue(train.contains("its own `model dense16 relu` where you typed `model dense2 relu`"), train)
        XCTAssertTrue(train.hasSuffix("next: model dense16 relu   (Enter runs it, or type your own)"), train)
        // The words that assume the result are not shown, and the lesson is not done.
        XCTAssertFalse(train.contains("closed curve"), train)
        _ = s.run("")                                     // model dense16 relu, the lesson's
        let again = joined(s.run(""))                     // train
        XCTAssertFalse(again.contains("breaks"), again)
        XCTAssertTrue(again.hasSuffix("next: evaluate   (Enter runs it, or type your own)"), again)
        XCTAssertTrue(joined(s.run("")).contains("The boundary is now a closed curve"))
    }

    func testLessonListIsInTeachingOrderWithMarksAndStopLeaves() throws {
        let s = session()
        defer { s.removeScratch() }
        s.lessonMemory = s.directory! + "/lesson-memory"
        let names = { (text: String) in
            text.split(separator: "\n").compactMap { $0.firstMatch(of: #/^  \d+\. (\S+)/#).map { String($0.1) } }
        }
        XCTAssertEqual(Array(names(joined(s.run("lesson list"))).prefix(3)), ["circles", "hidden-layer", "inside"])
        _ = s.run("lesson circles")
        for _ in 0..<13 { _ = s.run("") }
        _ = s.run("lesson overfitting")
        _ = s.run("")
        let list = joined(s.run("lesson list"))
        XCTAssertTrue(list.contains(#/1\. circles +A straight line cannot split two rings +done/#), list)
        XCTAssertTrue(list.contains(#/\. overfitting +Memorising a small noisy set +in progress/#), list)
        XCTAssertFalse(list.contains(#/hidden-layer .*done/#), list)
        // `lesson` alone resumes while one is in progress; `lesson stop` leaves it, and then `lesson` lists.
        XCTAssertTrue(joined(s.run("lesson")).hasPrefix("resuming overfitting:"))
        XCTAssertEqual(joined(s.run("lesson stop")), "left lesson overfitting at step 2 of 17; `lesson overfitting` starts it again")
        XCTAssertTrue(joined(s.run("")).isEmpty, "Enter does nothing once the lesson is left")
        XCTAssertTrue(joined(s.run("lesson")).hasPrefix("lessons, in teaching order"))
        XCTAssertEqual(joined(s.run("lesson stop")), "no lesson is in progress")
        // Done marks last across sessions; junk in the memory file is ignored.
        let memory = try String(contentsOfFile: s.lessonMemory!, encoding: .utf8)
        XCTAssertEqual(memory, "done circles\n")
        try (memory + "done ../../etc\nnope 99\n\u{1B}[2J 1\n").write(toFile: s.lessonMemory!, atomically: true, encoding: .utf8)
        let next = session()
        defer { next.removeScratch() }
        next.lessonMemory = s.lessonMemory
        let relisted = joined(next.run("lesson list"))
        XCTAssertTrue(relisted.contains(#/circles .* done/#), relisted)
        XCTAssertFalse(relisted.contains("etc") || relisted.contains("\u{1B}"), relisted)
    }

    func testFinishingALessonSaysSo() {
        let s = session()
        defer { s.removeScratch() }
        _ = s.run("lesson circles")
        var last = ""
        for _ in 0..<7 { last = joined(s.run("")) }
        XCTAssertTrue(last.contains("problem[linear-inseparable]"), last)
        // Then the features remedy: verify, features, model, train, plot, and the diagnosis without the finding.
        for _ in 0..<6 { last = joined(s.run("")) }
        XCTAssertFalse(last.contains("linear-inseparable"), last)
        XCTAssertTrue(last.hasSuffix("lesson circles done. Type lesson list for the others."), last)
        XCTAssertFalse(last.contains("breaks"), last)
        XCTAssertEqual(s.run(""), [], "after the lesson, Enter does nothing")
    }

    /// Enter through three-classes: the line splits off the moon apart but neither of the interleaving pair, the
    /// confusion matrix it reads aloud is there, and the hidden layer's expectations hold.
    func testThreeClassesWalksThroughWithEveryExpectationHolding() {
        let s = session()
        defer { s.removeScratch() }
        XCTAssertTrue(joined(s.run("lesson three-classes")).hasSuffix("next: data moons classes=3   (Enter runs it, or type your own)"))
        var all = ""
        for _ in 0..<12 { all += joined(s.run("")) + "\n" }
        XCTAssertTrue(all.contains("test (actual ↓, predicted →)   0   1   2"), all)
        XCTAssertTrue(all.contains("problem[linear-inseparable]: a straight line cannot split class 0 or class 1 off from the other classes"), all)
        XCTAssertTrue(all.contains("a straight line splits class 2 off from the rest; none splits off class 0 or class 1"), all)
        XCTAssertTrue(all.contains("Row 2 has every point in its own"), all)
        XCTAssertFalse(all.contains("breaks"), all)
        XCTAssertTrue(all.hasSuffix("lesson three-classes done. Type lesson list for the others.\n"), all)
    }

    func testALessonsOwnCommandsCannotWriteOrReadOutsideItsFolder() throws {
        let lessons = NSTemporaryDirectory() + "nnlab-lessons-\(UUID().uuidString)"
        let outside = NSTemporaryDirectory() + "nnlab-outside-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { [lessons, outside].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        try "x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n2,2,1\n3,3,0\n".write(toFile: outside + "/secret.csv", atomically: true, encoding: .utf8)
        try """
            # A shared lesson
            # that tries to write and read where it should not
            nnlab> data circles
            nnlab> save file=\(outside)/evil.json
            nnlab> save file=../evil.json
            nnlab> data load file=\(outside)/secret.csv
            nnlab> save file=fine.json
            """.write(toFile: lessons + "/evil.lesson", atomically: true, encoding: .utf8)
        // A session at the prompt (not a replay, whose files are confined anyway).
        let s = Session()
        s.directory = Session.makeScratch()
        defer { s.removeScratch() }
        s.lessonsDirectory = lessons
        _ = s.run("lesson evil")
        _ = s.run("")
        XCTAssertTrue(joined(s.run("")).contains("error: cannot write \(outside)/evil.json"))
        XCTAssertTrue(joined(s.run("")).contains("error: cannot write ../evil.json"))
        XCTAssertTrue(joined(s.run("")).contains("error: cannot read \(outside)/secret.csv"))
        let fine = joined(s.run(""))
        XCTAssertFalse(fine.contains("error"), fine)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), ["secret.csv"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: s.directory! + "/fine.json"))
        // The learner's own commands are theirs: not confined.
        XCTAssertFalse(joined(s.run("save file=\(outside)/mine.json")).contains("error"))
    }
}
