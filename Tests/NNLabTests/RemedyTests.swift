import Foundation
import XCTest
@testable import NNLab

/// The remedies of issue 15 on the cases it names, through the session a learner types into: each one helps
/// by the measure it is for, and the diagnosis suggests it before any change to how the data is generated.
final class RemedyTests: XCTestCase {
    func session(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) -> Session {
        let s = Session()
        for command in lines { run(s, command, file: file, line: line) }
        return s
    }

    @discardableResult
    func run(_ s: Session, _ command: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let outputs = s.run(command)
        var text = ""
        for output in outputs {
            switch output {
            case .text(let t): text += t
            case .error(let e): XCTFail("\(command): \(e)", file: file, line: line)
            default: break
            }
        }
        return text
    }

    /// The first line of the error `command` gives (a caret line may follow it).
    func error(_ s: Session, _ command: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard case .error(let e)? = s.run(command).first else { XCTFail("\(command) ran", file: file, line: line); return nil }
        return e.split(separator: "\n").first.map(String.init)
    }

    /// `evaluate format=json`, read back.
    func evaluation(_ s: Session, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let json = run(s, "evaluate format=json", file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
    }

    /// The recall of `label` on `split`, from `evaluate format=json`.
    func recall(_ s: Session, _ split: String, _ label: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        let e = try evaluation(s, file: file, line: line)
        let part = try XCTUnwrap(e[split] as? [String: Any], "\(e)")
        let recalls = try XCTUnwrap(part["recall"] as? [Any], "\(part)")
        return try XCTUnwrap(recalls[label] as? Double, "\(recalls)")
    }

    /// class-imbalance suggests weighting the classes, which works on any data, before generating it balanced;
    /// the train report names the weights.
    func testClassImbalanceSuggestsClassWeightsFirst() throws {
        let s = session(["data gauss imbalance=0.1", "model linear", "train"])
        let report = run(s, "diagnose")
        let imbalance = try XCTUnwrap(report.components(separatedBy: "\n\n").first { $0.contains("[class-imbalance]") }, report)
        let tries = imbalance.split(separator: "\n").filter { $0.hasPrefix("  try: ") }
        XCTAssertEqual(tries, ["  try: train class_weight=balanced", "  try: data gauss imbalance=1"], imbalance)
        let trained = run(s, "train class_weight=balanced")
        XCTAssertTrue(trained.contains(", class weights 0: 0.557, 1: 4.89\n"), trained)
    }

    /// The finding block of `id` in a diagnosis.
    func finding(_ id: String, in report: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try XCTUnwrap(report.components(separatedBy: "\n\n").first { $0.contains("[\(id)]") }, report, file: file, line: line)
    }

    /// linear-inseparable's first fix is the feature the exact test found, written as the command, and verify
    /// proves it; label-noise's first is dropping its points. Both come before any change to the generator.
    func testTheDiagnosisSuggestsFeaturesAndDroppingBeforeTheGenerator() throws {
        let s = session(["data circles", "model linear", "train"])
        let inseparable = try finding("linear-inseparable", in: run(s, "diagnose verify"))
        let tries = inseparable.split(separator: "\n").filter { $0.hasPrefix("  try: ") }
        XCTAssertEqual(tries.count, 2, inseparable)
        XCTAssertTrue(tries[0].hasPrefix("  try: features x1 x2 x1^2 x2^2   (verified: test "), inseparable)
        XCTAssertTrue(tries[1].hasPrefix("  try: model dense16 relu   (verified: "), inseparable)
        // With the features chosen, a line separates the rings: no finding, and nothing to suggest.
        run(s, "features x1 x2 x1^2 x2^2")
        run(s, "train")
        XCTAssertFalse(run(s, "diagnose").contains("[linear-inseparable]"))

        let noisy = session(["data moons n=400 noise=0.1 seed=5 flip=0.12", "model dense16 relu", "train"])
        let noise = try finding("label-noise", in: run(noisy, "diagnose"))
        XCTAssertEqual(noise.split(separator: "\n").filter { $0.hasPrefix("  try: ") },
                       ["  try: data drop show=label-noise", "  try: data moons flip=0 n=400 seed=5"], noise)
    }

    /// features: shown alone, chosen by the words a learner types (x2*x1 is x1*x2), refused with a suggestion when
    /// unknown, reset; completion offers the words; data info and status name them; new data starts raw again.
    func testFeaturesAreChosenShownAndReset() throws {
        let s = session(["data circles"])
        XCTAssertEqual(run(s, "features"), "features: x1 x2 (the raw columns, each standardised on the training rows)\n"
                                           + "available: x1 x2 x1^2 x2^2 x1*x2 sin(x1) sin(x2)")
        XCTAssertEqual(error(s, "features x3"), "no feature 'x3'; did you mean x1 or x2? (a column, COLUMN^2, A*B or sin(COLUMN); features alone lists them)")
        XCTAssertEqual(error(s, "features x1 x1"), "x1 is given twice")
        run(s, "model linear")
        XCTAssertTrue(run(s, "features x2*x1 sin(x2)").hasPrefix("features: x1*x2 sin(x2) (2 inputs made from x1 x2, each standardised"))
        XCTAssertEqual(s.data?.prepared.training.features, 2)
        XCTAssertTrue(run(s, "train epochs=5").hasPrefix("trained dense(2→1) · sigmoid"))
        XCTAssertTrue(run(s, "data info").contains("\nfeatures: x1*x2 sin(x2) (the model's inputs)\n"))
        XCTAssertEqual(Completion.candidates(before: "features x1^2 ", partial: "x1", names: s.names), ["x1", "x1*x2"])
        XCTAssertTrue(Completion.candidates(before: "features ", partial: "", names: s.names).contains("sin(x2)"))
        // The same inputs, computed by hand from the raw values, then standardised on the training rows.
        let p = try XCTUnwrap(s.data?.prepared), train = p.split.train
        let made = train.map { i -> [Double] in let r = p.dataset.row(i); return [r[r.startIndex] * r[r.startIndex + 1], sin(r[r.startIndex + 1])] }
        for j in 0..<2 {
            let column = made.map { $0[j] }, mean = column.reduce(0, +) / Double(column.count)
            let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)).squareRoot()
            for (r, v) in column.enumerated() { XCTAssertEqual(p.training.xTrain[2 * r + j], (v - mean) / sd, accuracy: 1e-12) }
        }
        XCTAssertTrue(run(s, "features reset").hasPrefix("features: x1 x2 (the raw columns"))
        run(s, "features x1 x2 x1^2")
        XCTAssertTrue(run(s, "data moons").contains("(features are the raw columns again)"))
        XCTAssertNil(s.data?.features)
    }

    /// Loaded data: a column's name, its square and products of two columns; drop and relabel work on it too,
    /// and save/load keeps the features and the edits (evaluate prints the same numbers after load).
    func testLoadedDataTakesFeaturesAndEditsAndBothSurviveSaveAndLoad() throws {
        let dir = NSTemporaryDirectory() + "nnlab-remedy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Rings in two columns, a third column of noise, 8% of the labels flipped.
        var rows = ["radius x,y,noise,label"]
        for i in 0..<600 {
            let angle = Double(i) * 2.399, ring = i % 2, r = 1.0 + Double(ring) + 0.05 * sin(Double(i) * 7.1)
            let label = i % 13 == 3 ? 1 - ring : ring
            rows.append("\(r * cos(angle)),\(r * sin(angle)),\(cos(Double(i) * 3.3)),\(label)")
        }
        try rows.joined(separator: "\n").write(toFile: dir + "/rings.csv", atomically: true, encoding: .utf8)
        let s = Session()
        s.directory = dir
        run(s, "data load file=rings.csv")
        XCTAssertEqual(run(s, "features"), "features: \"radius x\" y noise (the raw columns, each standardised on the training rows)\n"
                       + "available: \"radius x\" y noise \"radius x^2\" y^2 noise^2 \"radius x*y\" \"radius x*noise\" y*noise "
                       + "\"sin(radius x)\" sin(y) sin(noise)")
        run(s, "features \"radius x\" y \"radius x^2\" y^2 \"radius x*y\"")
        XCTAssertEqual(s.data?.prepared.inputs.featureNames, ["radius x", "y", "radius x^2", "y^2", "radius x*y"])
        run(s, "model dense8 relu")
        run(s, "train epochs=200 lr=0.01")
        let report = run(s, "diagnose")
        XCTAssertTrue(report.contains("[label-noise]"), report)
        let trainBefore = try XCTUnwrap(s.data?.prepared.split.train.count), test = try XCTUnwrap(s.data?.prepared.split.test)
        let dropped = run(s, "data drop show=label-noise")
        let count = try XCTUnwrap(Int(try XCTUnwrap(dropped.split(separator: " ").dropFirst().first)), dropped)
        XCTAssertEqual(s.data?.prepared.split.train.count, trainBefore - count)
        XCTAssertEqual(s.data?.prepared.split.test, test, "the test set is untouched")
        XCTAssertEqual(s.data?.prepared.inputs.features, 5, "the features stay")
        run(s, "train epochs=50 lr=0.01")
        let evaluation = run(s, "evaluate")
        run(s, "save file=s.json")
        let restored = Session()
        restored.directory = dir
        run(restored, "load file=s.json")
        XCTAssertEqual(run(restored, "evaluate"), evaluation)
        XCTAssertEqual(restored.data?.edits, s.data?.edits)
        XCTAssertTrue(run(restored, "data info").contains("dropped: \(count) training points that label-noise listed (data drop show=label-noise): "))
        XCTAssertTrue(run(restored, "data reset").hasPrefix("undid 1 edit of the training points\n"))
        XCTAssertEqual(restored.data?.prepared.split.train.count, trainBefore)
        XCTAssertEqual(restored.data?.prepared.inputs.features, 5, "data reset keeps the features")
    }

    /// data relabel gives the other label to the listed training points, and data reset gives them back; on
    /// generated data the labels flipped on purpose are counted again as they stand.
    func testRelabelAndResetOnGeneratedData() throws {
        let s = session(["data moons n=400 noise=0.1 seed=5 flip=0.12", "model dense16 relu", "train"])
        let labels = try XCTUnwrap(s.data?.prepared.dataset.y)
        XCTAssertEqual(s.data?.flipped.count, 38)
        XCTAssertEqual(s.run("data reset"), [.text("nothing to undo: no points were dropped or relabelled\n"
                                                   + "data: moons, 400 points (320 train, 80 test), classes 190 / 210, 38 training labels flipped")])
        let relabelled = run(s, "data relabel show=label-noise")
        XCTAssertTrue(relabelled.hasPrefix("gave the other label to 38 training points that label-noise lists (the test set is untouched)\n"), relabelled)
        XCTAssertEqual(s.data?.flipped, [], "every flipped label was among them, and is right again")
        let points = try XCTUnwrap(s.data?.edits.first?.points)
        for i in 0..<labels.count { XCTAssertEqual(s.data?.prepared.dataset.y[i], points.contains(i) ? 1 - labels[i] : labels[i]) }
        XCTAssertEqual(error(s, "data drop show=label-noise"), "data drop takes the points a finding lists: train a model, then `diagnose`")
        run(s, "data reset")
        XCTAssertEqual(s.data?.prepared.dataset.y, labels)
        XCTAssertEqual(s.data?.flipped.count, 38)
    }

    /// A session file's features and edits are checked as if typed: an unknown feature or a point outside the
    /// training rows makes it damaged, and the session is kept.
    func testASessionFileWithBadFeaturesOrEditsIsRefused() throws {
        let dir = NSTemporaryDirectory() + "nnlab-remedy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = session(["data moons n=400 noise=0.1 seed=5 flip=0.12", "features x1 x2 x1^2", "model dense16 relu", "train epochs=50"])
        s.directory = dir
        run(s, "data drop show=label-noise")
        run(s, "save file=good.json")
        let good = try String(contentsOfFile: dir + "/good.json", encoding: .utf8)
        let test = try XCTUnwrap(s.data?.prepared.split.test.first)
        for (name, bad) in [("feature", good.replacingOccurrences(of: "\"x1^2\"", with: "\"x9^2\"")),
                            ("point", good.replacingOccurrences(of: "\"points\":[", with: "\"points\":[\(test),"))] {
            XCTAssertNotEqual(bad, good, name)
            try bad.write(toFile: dir + "/\(name).json", atomically: true, encoding: .utf8)
            XCTAssertEqual(error(s, "load file=\(name).json")?.hasPrefix("\(name).json is damaged: "), true, name)
        }
        XCTAssertEqual(s.data?.edits.count, 1, "the session is kept")
    }

    /// Issue 12 item 6: diagnose verify tags every try of every problem and warning (data fixes included; a sweep is
    /// advice only and says so by its own words), and the table ranks each fix once, verified ones first.
    func testVerifyTagsEveryTryOfProblemsAndWarnings() throws {
        let cases = [["data circles", "model linear", "train"],
                     ["data moons n=400 noise=0.1 seed=5 flip=0.12", "model dense16 relu", "train"],
                     ["data gauss imbalance=0.1", "model linear", "train"],
                     ["data circles", "model dense16 relu", "train lr=1 epochs=100"]]
        for lines in cases {
            let report = run(session(lines), "diagnose verify")
            let blocks = report.components(separatedBy: "\n\n")
            for block in blocks where block.hasPrefix("problem[") || block.hasPrefix("warning[") {
                for line in block.split(separator: "\n") where line.hasPrefix("  try: ") && !line.hasPrefix("  try: sweep ") {
                    XCTAssertTrue(["verified", "no better", "worse"].contains { line.contains("   (\($0)") }, "\(lines): \(line)")
                }
            }
            let table = try XCTUnwrap(blocks.last, report).split(separator: "\n").dropFirst()
            let verdicts = table.map { row in ["verified", "no better", "worse"].firstIndex { row.hasSuffix($0) } ?? -1 }
            XCTAssertEqual(verdicts, verdicts.sorted(), "verified first: \(table)")
            XCTAssertFalse(verdicts.contains(-1), "\(table)")
            XCTAssertEqual(Set(table.map { $0.split(separator: "  ").first! }).count, table.count, "each fix once: \(table)")
        }
    }

    /// The class weights class-imbalance suggests are judged by the rare class's recall, and the verdict says so.
    func testVerifyJudgesClassWeightsByTheRareClassRecall() throws {
        let report = run(session(["data gauss imbalance=0.1", "model linear", "train"]), "diagnose verify")
        let imbalance = try finding("class-imbalance", in: report)
        XCTAssertTrue(imbalance.contains("  try: train class_weight=balanced   (verified by the recall"), imbalance)
        XCTAssertTrue(imbalance.contains(" of class 1 on train: 55.6% -> 100%,"), imbalance)
    }
}
