import XCTest
@testable import NNLab

final class WrapTests: XCTestCase {
    func testALabelledLineHangsUnderItsText() {
        let line = "  evidence: " + Array(repeating: "word", count: 30).joined(separator: " ")
        let lines = Wrap.lines(line, width: 40).split(separator: "\n")
        XCTAssertEqual(lines.first, "  evidence: word word word word word")
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 12) + "word") })
        XCTAssertTrue(lines.allSatisfy { $0.count <= 40 })
        XCTAssertEqual(lines.joined(separator: " ").split(separator: " ").filter { $0 == "word" }.count, 30, "no word lost")
    }

    func testATableRowHangsUnderItsLastCellAndKeepsItsColumns() {
        let row = "  model too simple   45.6%  train error 46.3% where the data forces 0.6%, and training had settled"
        XCTAssertEqual(Wrap.lines(row, width: 60), """
              model too simple   45.6%  train error 46.3% where the data
                                        forces 0.6%, and training had
                                        settled
            """)
    }

    func testAHeadlineHangsByTwoAndShortLinesPicturesAndJSONStayWhole() {
        XCTAssertEqual(Wrap.lines("problem[underfitting]: the model gets 53.8% of the points right", width: 30), """
            problem[underfitting]: the
              model gets 53.8% of the
              points right
            """)
        let picture = "   │" + String(repeating: "·", count: 70) + "│"
        let json = "{\"findings\":[" + String(repeating: "1,", count: 60) + "1]}"
        for whole in ["short line", picture, json] { XCTAssertEqual(Wrap.lines(whole, width: 40), whole) }
        XCTAssertEqual(Wrap.wrap("a " + String(repeating: "x", count: 50) + " b", width: 10), ["a", String(repeating: "x", count: 50), "b"])
    }

    func testSetWidthWrapsPipedOutputAndRecordingKeepsWhatReplayShows() {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        _ = s.run("data circles")
        _ = s.run("model linear")
        _ = s.run("train epochs=50")
        let unwrapped = Transcript.lines(s.run("diagnose"))
        XCTAssertTrue(unwrapped.contains { $0.count > 100 }, "piped without set width, prose stays on one line")
        _ = s.run("set width=60")
        let wrapped = Transcript.lines(s.run("diagnose"))
        XCTAssertTrue(wrapped.allSatisfy { $0.count <= 60 }, wrapped.joined(separator: "\n"))
    }

    func testARecordingStartedMidSessionReplaysToTheSameOutput() {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        _ = s.run("data circles")
        _ = s.run("model linear")
        let start = Transcript.lines(s.run("record file=mid.transcript")).joined()
        XCTAssertTrue(start.contains("the session starts fresh, as replay will"), start)
        for line in ["data moons", "model dense8 relu", "data circles", "train epochs=20", "set width=50", "diagnose", "record stop"] {
            _ = s.run(line)
        }
        let replay = Transcript.lines(s.run("replay file=mid.transcript"))
        // The transcript's own `set width=50` wraps replay's closing line too.
        XCTAssertTrue(replay.suffix(2).joined(separator: " ").hasSuffix("replayed 6 commands from mid.transcript: every output matches the recording"),
                      replay.joined(separator: "\n"))
    }
}

final class GlossaryTests: XCTestCase {
    func testExplainCoversTheWordsReportsUse() {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        for id in ["recall", "interval", "bayes-error", "exact-test", "glorot-uniform", "kernel"] {
            let text = Transcript.lines(s.run("explain " + id)).joined(separator: "\n")
            XCTAssertTrue(text.hasPrefix(id + ": "), text)
            XCTAssertTrue(text.contains("nnlab> "), "an example to type: \(text)")
        }
        XCTAssertTrue(Transcript.lines(s.run("explain")).contains { $0.hasPrefix("  bayes-error") })
        XCTAssertTrue(s.names(for: "explain").contains("interval"))
    }

    func testATermIsGlossedOnceAtItsFirstAppearance() {
        XCTAssertEqual(Glossary.glossed("the recall of class 1; recall again"),
                       "the recall (how many of a class's points the model finds) of class 1; recall again")
        XCTAssertEqual(Glossary.glossed("a line (exact test)"), "a line (exact test: a proof by linear programming, not an estimate)")
        XCTAssertEqual(Glossary.glossed("nothing technical"), "nothing technical")
    }
}

final class LabelColumnChoiceTests: XCTestCase {
    func testTheLabelColumnIsChosenByNameInAStatedOrderAndAnotherCandidateIsAWarning() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        let rows = "0,0,a\n1,1,b\n0,1,a\n1,0,b\n2,2,a\n3,3,b\n"
        func load(_ header: String, _ extra: String = "") throws -> String {
            try (header + "\n" + rows).write(toFile: s.directory! + "/t.csv", atomically: true, encoding: .utf8)
            return Transcript.lines(s.run("data load file=t.csv" + extra)).joined(separator: "\n")
        }
        // The file: `class` is the label, not `y`, and the learner is told about y.
        let xyClass = try load("x,y,class")
        XCTAssertTrue(xyClass.contains("features: x, y; label: class (a → 0, b → 1)"), xyClass)
        XCTAssertTrue(xyClass.contains("label column chosen by its name (label, class, target, then y)"), xyClass)
        XCTAssertTrue(xyClass.contains("warning: y could be the label too, and is read as a feature; label=y chooses it"), xyClass)
        let target = try load("f1,f2,target")
        XCTAssertTrue(target.contains("label: target") && !target.contains("warning"), target)
        let last = try load("f1,f2,outcome")
        XCTAssertTrue(last.contains("label: outcome") && last.contains("chosen by place: the last column"), last)
        // Named by label=: nothing to explain.
        let named = try load("x,class,y", " label=y")
        XCTAssertTrue(named.contains("features: x, class; label: y") && !named.contains("chosen by"), named)
    }
}
