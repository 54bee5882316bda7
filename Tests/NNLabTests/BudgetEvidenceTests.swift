import Foundation
import XCTest
@testable import NNLab

/// The error budget never contradicts its own evidence (issue 12 item 1): every row equals what it measured, as
/// `diagnose format=json` gives it, on every transcript (the lessons' commands and more) and on the issue's examples,
/// each through the real session; and capacity is told from optimisation by experiment (item 2).
final class BudgetEvidenceTests: XCTestCase {
    /// Every row of a `diagnose format=json` budget that its own evidence does not bear out.
    static func contradictions(_ budget: [String: Any]) -> [String] {
        guard let rows = budget["rows"] as? [[String: Any]], let test = budget["test"] as? Double,
              let train = budget["train"] as? Double, let missing = budget["missing"] as? Double else { return ["no budget"] }
        let keys = ["irreducible", "too-simple", "optimisation", "wrong-labels", "variance", "sampling", "unexplained"]
        var found: [String] = []
        if rows.compactMap({ $0["key"] as? String }) != keys { found.append("rows \(rows.map { $0["key"] ?? "?" })") }
        var share: [String: Double] = [:], evidence: [String: [String: Double]] = [:]
        for row in rows {
            guard let key = row["key"] as? String, let s = row["share"] as? Double, let e = row["evidence"] as? [String: Double] else { continue }
            share[key] = s
            evidence[key] = e
            if s < -1e-12 && key != "sampling" && key != "unexplained" { found.append("\(key) is negative: \(s)") }
        }
        func bad(_ key: String, _ contradicted: Bool) {
            if contradicted { found.append("\(key) \(share[key] ?? .nan) against \(evidence[key] ?? [:])") }
        }
        let s = { (key: String) in share[key] ?? 0 }, e = { (key: String, name: String) in evidence[key]?[name] }
        // The Bayes figure it cites, exactly.
        bad("irreducible", abs(s("irreducible") - (e("irreducible", "bayes_error") ?? .nan)) > 1e-9)
        // Too simple only when the same layers trained well still miss.
        if s("too-simple") > 1e-12, let well = e("too-simple", "well_trained_train_accuracy") {
            bad("too-simple", s("too-simple") > 1 - well + 1e-9)
        } else { bad("too-simple", s("too-simple") > 1e-12) }
        // Optimisation only when the same layers trained well do better than this run (or it blew up), by at most that.
        if s("optimisation") > 1e-12, e("optimisation", "learning_rate") == nil {
            let well = e("optimisation", "well_trained_train_accuracy") ?? 0
            bad("optimisation", s("optimisation") > well - (e("optimisation", "train_accuracy") ?? 1) + 1e-9)
        }
        // Wrong labels: the test labels found wrong, plus what putting the training labels right gains on test.
        let gain = max(0, (e("wrong-labels", "corrected_labels_test_accuracy") ?? test) - test)
        bad("wrong-labels", abs(s("wrong-labels") - (e("wrong-labels", "doubted_test_share") ?? 0) - gain) > 1e-9)
        // A gap row only when the gap is beyond chance, and then the gap itself (train above rows it never saw).
        if s("variance") > 1e-12 {
            // (on the rows whose labels are not known or doubted to be wrong, where the evidence says so)
            let cv = e("variance", "cross_validated_accuracy") ?? train, seen = e("variance", "train_accuracy") ?? train
            bad("variance", !((e("variance", "gap_beyond_chance") ?? 0) > 0) || abs(s("variance") - (seen - cv)) > 1e-9)
        }
        // Sampling within the test accuracy's own 95% interval, either way; beyond it, unexplained, and only then.
        let low = e("sampling", "interval_low") ?? .nan, high = e("sampling", "interval_high") ?? .nan
        // (the accuracy the rows predict, test + sampling, lies in that interval).
        bad("sampling", !(s("sampling") <= high - test + 1e-9 && s("sampling") >= low - test - 1e-9))
        if abs(s("unexplained")) > 1e-9 {
            let atEdge = s("unexplained") > 0 ? abs(s("sampling") - (high - test)) < 1e-9 : abs(s("sampling") - (low - test)) < 1e-9
            bad("unexplained", !atEdge)
        }
        let total = share.values.reduce(0, +)
        if abs(total - missing) > 1e-9 { found.append("rows add up to \(total), the test error is \(missing)") }
        return found
    }

    /// `diagnose format=json` of the session as it stands: the budget and each finding's id and try lines.
    static func diagnosis(_ session: Session) -> (budget: [String: Any], findings: [(id: String, tries: [String])])? {
        guard case .text(let json)? = session.run("diagnose format=json").first,
              let top = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let budget = top["budget"] as? [String: Any], let findings = top["findings"] as? [[String: Any]] else { return nil }
        return (budget, findings.map { ($0["id"] as? String ?? "", $0["try"] as? [String] ?? []) })
    }

    /// Runs `lines` in a fresh session and returns the diagnosis after the last, checked against its evidence.
    func diagnose(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) -> (budget: [String: Any], findings: [(id: String, tries: [String])]) {
        let session = Session()
        for l in lines {
            if case .error(let message)? = session.run(l).first { XCTFail("\(l): \(message)", file: file, line: line) }
        }
        guard let d = Self.diagnosis(session) else {
            XCTFail("no diagnosis after \(lines)", file: file, line: line)
            return ([:], [])
        }
        XCTAssertEqual(Self.contradictions(d.budget), [], "\(lines)", file: file, line: line)
        return d
    }

    static func share(_ budget: [String: Any], _ key: String) -> Double {
        ((budget["rows"] as? [[String: Any]])?.first { $0["key"] as? String == key }?["share"] as? Double) ?? .nan
    }

    /// Every transcript replayed through a session (lessons' transcripts hold their commands), diagnosed as JSON
    /// wherever it diagnoses. Pictures, tables of other runs and files are left out: they change nothing diagnosed.
    func testNoBudgetRowContradictsItsEvidenceInAnyTranscript() throws {
        let skipped: Set<String> = ["plot", "sweep", "compare", "curve", "explain", "help", "evaluate", "export", "save", "load", "record"]
        var diagnosed = 0
        let folder = HostileTranscriptTests.repository.appendingPathComponent("transcripts").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".transcript") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        for file in files.map({ folder + "/" + $0 }) {
            let transcript = try Transcript(parsing: String(contentsOfFile: file, encoding: .utf8), file: file)
            let session = Session()
            for entry in transcript.entries {
                let verb = entry.command.split(separator: " ").first.map(String.init) ?? ""
                if skipped.contains(verb) { continue }
                guard verb == "diagnose" else { _ = session.run(entry.command); continue }
                guard let d = Self.diagnosis(session) else { XCTFail("\(file):\(entry.line): no budget"); continue }
                diagnosed += 1
                XCTAssertEqual(Self.contradictions(d.budget), [], "\(file):\(entry.line)")
            }
        }
        XCTAssertGreaterThanOrEqual(diagnosed, 19, "every diagnose of the transcripts")
    }

    /// The issue's examples of a budget against its evidence.
    func testTheIssuesBudgetExamples() {
        // Too large a step: optimisation, never "keep training".
        let sgd = diagnose(["data circles", "model dense16 relu", "train optimizer=sgd lr=8 epochs=100"])
        XCTAssertGreaterThan(Self.share(sgd.budget, "optimisation"), 0.4)
        XCTAssertEqual(Self.share(sgd.budget, "too-simple"), 0)
        XCTAssertFalse(sgd.findings.flatMap(\.tries).contains { $0.hasPrefix("train continue") }, "\(sgd.findings)")
        // Test above train with flipped training labels: no gap row.
        let flipped = diagnose(["data moons flip=0.3", "model dense16 relu", "train lr=0.01"])
        XCTAssertEqual(Self.share(flipped.budget, "variance"), 0)
        // ... and the flips get their row: the same training on the labels put right gets 97.5% on test, not 80%.
        XCTAssertEqual(Self.share(flipped.budget, "wrong-labels"), 0.175, accuracy: 1e-9)
        // Overlap: the irreducible row is the Bayes error even where the test set came out luckier.
        let gauss = diagnose(["data gauss", "model dense16 relu", "train lr=0.01"])
        XCTAssertEqual(Self.share(gauss.budget, "irreducible"), 0.155, accuracy: 0.001)
        XCTAssertLessThan(Self.share(gauss.budget, "sampling"), 0, "12.5% missed where 15.5% is expected")
        // Flipped labels and l2 on a 4417-parameter model: never "too simple".
        for train in ["train lr=0.01", "train lr=0.01 l2=0.01"] {
            for model in ["model dense16 relu", "model dense64 relu dense64 relu"] {
                let d = diagnose(["data moons flip=0.1", model, train])
                XCTAssertEqual(Self.share(d.budget, "too-simple"), 0, "\(model), \(train)")
                XCTAssertFalse(d.findings.map(\.id).contains("underfitting"), "\(model), \(train)")
            }
        }
    }

    /// Before "too simple", the same layers trained well: when they fit, the finding names the training's cause and
    /// its fix (issue 12 item 2's cases).
    func testCapacityIsToldFromOptimisationByExperiment() throws {
        for seed in 0..<3 {
            let d = diagnose(["data circles", "model dense16 relu", "train lr=1 seed=\(seed)"])
            XCTAssertFalse(d.findings.map(\.id).contains("underfitting"), "lr=1 seed=\(seed): \(d.findings)")
        }
        let small = diagnose(["data circles", "model dense16 relu", "train optimizer=sgd lr=0.00001"])
        XCTAssertEqual(small.findings.first { $0.id == "not-converged" }?.tries.first, "train lr=0.0001 optimizer=sgd")
        let l2 = diagnose(["data circles", "model dense16 relu", "train lr=0.01 l2=0.5"])
        XCTAssertEqual(l2.findings.first { $0.id == "not-converged" }?.tries.first, "train l2=0 lr=0.01")
        XCTAssertFalse(l2.findings.flatMap(\.tries).contains { $0.hasPrefix("train continue") }, "l2 stays: \(l2.findings)")
        // A loaded file where going on with the same run reaches 100% on train.
        let dir = NSTemporaryDirectory() + "nnlab-budget-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let export = Session()
        _ = export.run("data circles")
        _ = export.run("export data file=\(dir)/circles.csv")
        let csv = diagnose(["data load file=\(dir)/circles.csv", "model dense16 relu", "train epochs=100"])
        XCTAssertEqual(csv.findings.first { $0.id == "not-converged" }?.tries.first, "train continue epochs=500")
        XCTAssertGreaterThan(Self.share(csv.budget, "optimisation"), 0)
        // Two ReLU units cannot close a ring: too simple before and after training on, never "train on" first.
        let session = Session()
        for line in ["data circles", "model dense2 relu", "train"] { _ = session.run(line) }
        let before = try XCTUnwrap(Self.diagnosis(session))
        _ = session.run("train continue epochs=1500")
        let after = try XCTUnwrap(Self.diagnosis(session))
        for d in [before, after] {
            XCTAssertEqual(Self.contradictions(d.budget), [])
            XCTAssertTrue(d.findings.map(\.id).contains("underfitting"), "\(d.findings)")
            XCTAssertFalse(d.findings.map(\.id).contains("not-converged"), "\(d.findings)")
        }
    }
}
