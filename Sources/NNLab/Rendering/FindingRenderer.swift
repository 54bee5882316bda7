import NNCore
import NNDiagnosis

/// Findings in words and layout, compiler-style (facts come from NNDiagnosis as data).
enum FindingRenderer {
    /// `command` writes a fix as the command to type; `className` names a class as the findings do; `curve`, a learning
    /// curve of this run, is cited on the variance row; `dataset` names the classes of the points a finding suspects.
    static func text(_ report: Report, verified: Bool, command: (Fix) -> String, className: (Int) -> String = { "class \($0)" },
                     curve: LearningCurve? = nil, dataset: Dataset? = nil) -> String {
        var blocks: [String] = []
        if let budget = report.budget { blocks.append(budgetText(budget, curve: curve)) }
        if report.findings.isEmpty {
            blocks.append("no findings: nothing here needs fixing")
        }
        for f in report.findings {
            var lines = ["\(f.severity.rawValue)[\(f.id)]: \(f.headline)"]
            if !f.evidence.isEmpty { lines.append("  evidence: " + f.evidence.map(\.text).joined(separator: "; ")) }
            lines.append("  why: " + f.why)
            if !f.points.isEmpty {
                lines.append("  points: " + f.points.prefix(12).map(String.init).joined(separator: " ")
                             + (f.points.count > 12 ? " ... (\(f.points.count) in all)" : ""))
            }
            if let dataset { lines += suspectedLines(f, dataset) }
            for fix in f.fixes {
                var line = "  try: \(command(fix))"
                if let v = f.verifications.first(where: { $0.fix == fix }) { line += "   (\(verdict(v, className: className)))" }
                lines.append(line)
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        let ranked = Doctor.ranking(report)
        if !ranked.isEmpty {
            let onScreen = report.budget.map { "; this run: \(Text.percent($0.testAccuracy)) on test" } ?? ""
            blocks.append("fixes tried, verified ones first, then by test accuracy, each the median of \(ranked[0].seeds) seeds and "
                          + "judged by what its finding measures; unchanged: test \(Text.percent(ranked[0].testBefore)) "
                          + "(median of the same seeds\(onScreen)):\n"
                          + TextTable.render(ranked.map { v in
                              ["  " + command(v.fix), Text.percent(v.testAfter),
                               v.measure == .testAccuracy ? "test accuracy"
                                   : "\(measureName(v.measure, className: className)) \(value(v.before, v.measure)) -> \(value(v.after, v.measure))",
                               v.verdict.rawValue]
                          }, numeric: false))
        }
        if !verified && report.findings.contains(where: { $0.severity != .note && $0.fixes.contains(where: \.runnable) }) {
            blocks.append("diagnose verify runs each suggested fix as an experiment")
        }
        return blocks.joined(separator: "\n\n")
    }

    /// With three classes or more, where the class a point is suspected of is news: "point 17: labelled versicolor,
    /// looks virginica" for the first few.
    static func suspectedLines(_ f: Finding, _ dataset: Dataset) -> [String] {
        let names = dataset.classNames, shown = 5
        guard names.count > 2, f.suspected.count == f.points.count else { return [] }
        var lines = zip(f.points, f.suspected).prefix(shown).map { point, c in
            "  point \(point): labelled \(ConfusionRenderer.name(Int(dataset.y[point]), names)), looks \(ConfusionRenderer.name(c, names))"
        }
        if f.points.count > shown { lines.append("  ... and \(f.points.count - shown) more (diagnose format=json lists each one's)") }
        return lines
    }

    /// "verified: test 32.5% -> 100%, median of 5 seeds, seeds alone move it ±5%", or "no better" / "worse"; a fix judged
    /// by another measure names it first and gives test accuracy after it.
    static func verdict(_ v: Verification, className: (Int) -> String = { "class \($0)" }) -> String {
        guard v.measure != .testAccuracy else {
            return "\(v.verdict.rawValue): test \(Text.percent(v.before)) -> \(Text.percent(v.after)), median of \(v.seeds) seeds, "
                + "seeds alone move it ±\(Text.percent(v.spread))"
        }
        let testFell = v.testBefore - v.testAfter > v.testSpread
        let test = "test \(Text.percent(v.testBefore)) -> \(Text.percent(v.testAfter))"
            + (!v.measure.keepsTest ? "" : testFell ? ", lower by more than the seeds' ±\(Text.percent(v.testSpread))" : ", not lower")
        return "\(v.verdict.rawValue) by \(measureName(v.measure, className: className)): \(value(v.before, v.measure)) -> "
            + "\(value(v.after, v.measure)), seeds alone move it ±\(value(v.spread, v.measure)); \(test); medians of \(v.seeds) seeds"
    }

    /// What a fix was judged by, in the words of the finding it answers.
    static func measureName(_ m: Measure, className: (Int) -> String) -> String {
        switch m {
        case .testAccuracy: "test accuracy"
        case .recall(let c): "the recall of \(className(c)) on train"
        case .trainAccuracy: "training accuracy"
        case .gap: "the train–test gap"
        case .swings: "sharp rises of the training loss in the last fifth"
        }
    }

    /// A verification's measure in JSON: its key, and the class a recall is of.
    static func measureJSON(_ m: Measure) -> [(String, JSON)] {
        switch m {
        case .testAccuracy: [("measure", .string("test_accuracy"))]
        case .recall(let c): [("measure", .string("recall")), ("class", .integer(c))]
        case .trainAccuracy: [("measure", .string("train_accuracy"))]
        case .gap: [("measure", .string("gap"))]
        case .swings: [("measure", .string("swings"))]
        }
    }

    /// A measure's value: a count of swings, else a share.
    static func value(_ x: Double, _ m: Measure) -> String { m == .swings ? Format.number(x) : Text.percent(x) }

    static func budgetText(_ b: ErrorBudget, curve: LearningCurve?) -> String {
        var lines = ["train \(Text.percent(b.trainAccuracy)) · test \(Text.percent(b.testAccuracy)) · missing \(Text.percent(b.missing))"]
        // The variance row is shown whenever a curve can speak to it, even at 0; a negative row (a luckier test set) too.
        let used = b.rows.filter { abs($0.share) > 0.0005 || ($0.key == "variance" && curve != nil) }
        if !used.isEmpty {
            lines.append(TextTable.render(used.map { ["  " + budgetLabel($0.key), Text.percent($0.share), rowText($0, curve: curve)] }, numeric: false))
        }
        return lines.joined(separator: "\n")
    }

    /// A budget row's name as the learner reads it; the diagnosis gives only its key.
    static func budgetLabel(_ key: String) -> String {
        switch key {
        case "irreducible": "irreducible overlap"
        case "too-simple": "model too simple"
        case "wrong-labels": "wrong labels"
        case "variance": "variance (train/unseen gap)"
        case "sampling": "sampling noise of the test set"
        default: key  // optimisation, unexplained: the key is the word
        }
    }

    /// A budget row's words; the variance row adds what a learning curve of this run says.
    static func rowText(_ row: BudgetRow, curve: LearningCurve?) -> String {
        guard row.key == "variance", let curve, let citation = CurveRenderer.citation(curve) else { return row.text }
        return row.text + "; " + citation
    }

    static func json(_ report: Report, command: (Fix) -> String, curve: LearningCurve? = nil, dataset: Dataset? = nil) -> String {
        var top: [(String, JSON)] = []
        if let b = report.budget {
            var budget: [(String, JSON)] = [
                ("train", .number(b.trainAccuracy)), ("test", .number(b.testAccuracy)), ("missing", .number(b.missing)),
                ("rows", .array(b.rows.map { row in
                    .object([("key", .string(row.key)), ("share", .number(row.share)),
                             ("evidence", .object(row.evidence.map { ($0.key, .number($0.value)) })), ("text", .string(rowText(row, curve: curve)))])
                })),
            ]
            if let curve {
                budget.append(("curve", .object([("sizes", .numbers(curve.sizes.map(\.fraction))), ("test", .numbers(curve.sizes.map(\.testMedian))),
                                                 ("verdict", .string(curve.verdict.rawValue))])))
            }
            top.append(("budget", .object(budget)))
        }
        top.append(("findings", .array(report.findings.map { f in
            var o: [(String, JSON)] = [
                ("id", .string(f.id)), ("severity", .string(f.severity.rawValue)), ("headline", .string(f.headline)),
                ("evidence", .object(f.evidence.map { ($0.key, $0.isFlag ? .bool($0.value != 0) : .number($0.value)) })),
                ("points", .integers(f.points)),
                ("try", .array(f.fixes.map { .string(command($0)) })),
            ]
            if let names = dataset?.classNames, f.suspected.count == f.points.count, !f.suspected.isEmpty {
                o.insert(("suspected", .array(f.suspected.map { .string(names[$0]) })), at: 5)
            }
            if !f.verifications.isEmpty {
                o.append(("verifications", .array(f.verifications.map { v in
                    .object(measureJSON(v.measure) + [
                        ("command", .string(command(v.fix))), ("before", .number(v.before)), ("after", .number(v.after)),
                        ("seeds", .integer(v.seeds)), ("spread", .number(v.spread)),
                        ("test", .object([("before", .number(v.testBefore)), ("after", .number(v.testAfter)), ("spread", .number(v.testSpread))])),
                        ("verdict", .string(v.verdict.rawValue))])
                })))
            }
            return .object(o)
        })))
        return JSON.object(top).rendered
    }

    static func explanation(_ e: Explanation, width: Int) -> String {
        ([e.id + ": " + e.title, ""] + Wrap.wrap(e.body, width: min(width, 80)) + ["", "try:"] + e.example.map { "  nnlab> " + $0 })
            .joined(separator: "\n")
    }
}
