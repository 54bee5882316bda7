import NNCore
import NNDiagnosis

extension Session {
    /// One setting of a sweep and what its seeds gave.
    struct SweepRow {
        var values: [(key: String, value: Invocation.Value)]
        var config: TrainConfig
        var test: [Double] = []
        var testLoss: [Double] = []
        /// Each seed's test evaluation (per-class recall, confusion).
        var evaluations: [Evaluation] = []
    }

    /// `sweep lr=0.001,0.01,0.1 [epochs=...] [seeds=5] [format=json]`: every combination, fresh weights,
    /// seeds 0..<seeds; the session's own model is left as it was.
    func sweep(_ c: Invocation) throws -> String {
        let data = try requireData()
        guard let hidden else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`) first") }
        let seeds = c.integer("seeds") ?? 5
        let swept = c.spec.keys.filter { $0.list }.compactMap { key in c.list(key.name).map { (key.name, $0) } }
        guard !swept.isEmpty else { throw CommandError("sweep needs at least one setting to vary, e.g. sweep lr=0.001,0.01,0.1") }
        // The cartesian product, in the order the keys were given in the table.
        var combos: [[(key: String, value: Invocation.Value)]] = [[]]
        for (key, values) in swept { combos = combos.flatMap { combo in values.map { combo + [(key, $0)] } } }
        let training = data.prepared.training
        var rows = combos.map { combo -> SweepRow in
            var config = TrainConfig()
            Invocation.defaults(of: c.spec, into: &config)
            for (key, value) in combo { c.spec.key(key)?.field?.apply(value, to: &config) }
            return SweepRow(values: combo, config: config)
        }
        try checkWork(rows.map { TrainingJob(hidden: hidden, data: training, config: $0.config, runs: seeds) })
        let network = freshNetwork(data, hidden)

        var interrupted = false
        for r in rows.indices where !interrupted {
            let result = Experiment(hidden: hidden, config: rows[r].config)
                .run(on: training, seeds: (0..<seeds).map(UInt32.init), shouldStop: shouldStop)
            rows[r].test = result.runs.map(\.test.accuracy)
            rows[r].testLoss = result.runs.map(\.test.loss)
            rows[r].evaluations = result.runs.map(\.test)
            interrupted = result.interrupted
            if !interrupted {
                onNote("setting \(r + 1)/\(rows.count) (\(rows[r].values.map { "\($0.key)=\(text($0.value))" }.joined(separator: " "))): "
                       + "test median \(Text.percent(RunStatistics.median(rows[r].test))) over \(seeds) seeds")
            }
        }
        let median = RunStatistics.median
        // What a Ctrl-C left: every finished seed is kept, so the last setting may have fewer.
        let done = rows.filter { !$0.test.isEmpty }
        // Ties (several settings at 100%) go to the lower median test loss.
        let best = done.indices.max { a, b in
            (median(done[a].test), -median(done[a].testLoss)) < (median(done[b].test), -median(done[b].testLoss))
        }
        let names = data.prepared.dataset.classNames
        if c.text("format") == "json" {
            return JSON.object([("results", .array(done.enumerated().map { i, row in
                .object(row.values.map { ($0.key, json($0.value)) } + [
                    ("seeds", .integer(row.test.count)),
                    ("test", .object([("median", .number(median(row.test))), ("min", .number(row.test.min()!)), ("max", .number(row.test.max()!))])),
                    ("test_loss", .object([("median", .number(median(row.testLoss)))])),
                    ("recall", .array(medianRecalls(row).map { $0.map(JSON.number) ?? .null })),
                    ("confusion", .array(Evaluation(adding: row.evaluations).confusion.map(JSON.integers))),
                    ("best", .bool(i == best)),
                ])
            })), ("classes", .array(names.map(JSON.string))), ("interrupted", .bool(interrupted))]).rendered
        }
        guard !done.isEmpty else { return "interrupted before any setting finished a seed: nothing to compare (\(Text.count(rows.count, "setting")) not run)" }
        let partial = done.contains { $0.test.count < seeds }
        // Three classes or more: which class each setting finds least often.
        let many = names.count > 2
        var table = [swept.map(\.0) + ["test median", "min", "max", "test loss"] + (many ? ["lowest recall"] : [])
                     + (partial ? ["seeds"] : []) + [""]]
        for (i, row) in done.enumerated() {
            table.append(row.values.map { text($0.value) }
                         + [Text.percent(median(row.test)), Text.percent(row.test.min()!), Text.percent(row.test.max()!),
                            Text.value(median(row.testLoss), trailingZeros: true)] + (many ? [lowestRecall(row, names)] : [])
                         + (partial ? ["\(row.test.count)"] : []) + [i == best ? "← best" : ""])
        }
        var lines = ["\(Text.count(done.count, "setting")) × \(Text.count(seeds, "seed")) of \(network.summary) (medians over seeds):",
                     TextTable.render(table),
                     "best: the highest median test accuracy; a tie goes to the lower median test loss"]
        if many, let best {
            let together = Evaluation(adding: done[best].evaluations), runs = done[best].evaluations.count
            lines += ["", "the best setting's test points over its \(runs) seed\(runs == 1 ? "" : "s"), "
                      + "and each class's median recall (how many of its points the model finds):",
                      ConfusionRenderer.matrix(together.confusion, names: names, title: "test")
                      + "\nmedian recall: " + names.indices.map { "\(names[$0]) \(medianRecalls(done[best])[$0].map(Text.percent) ?? "-")" }
                        .joined(separator: ", ")
                      + "\n" + ConfusionRenderer.mostConfused(together, names: names, split: "test")]
        }
        if interrupted {
            lines.append("interrupted: kept what finished" + (partial ? " (the seeds column says how many of \(seeds) each setting ran)" : "")
                         + "; \(Text.count(rows.count - done.count, "setting")) not run")
        }
        return lines.joined(separator: "\n")
    }

    /// Each class's median test recall over a setting's seeds (nil for a class with no test points).
    func medianRecalls(_ row: SweepRow) -> [Double?] {
        guard let first = row.evaluations.first else { return [] }
        return first.recall.indices.map { c in
            let values = row.evaluations.compactMap { $0.recall[c] }
            return values.isEmpty ? nil : RunStatistics.median(values)
        }
    }

    /// "versicolor 80%": the class with the lowest median test recall (the first of equal ones).
    func lowestRecall(_ row: SweepRow, _ names: [String]) -> String {
        let recalls = medianRecalls(row)
        guard let c = recalls.indices.filter({ recalls[$0] != nil }).min(by: { recalls[$0]! < recalls[$1]! }) else { return "-" }
        return "\(names[c]) \(Text.percent(recalls[c]!))"
    }

    func text(_ v: Invocation.Value) -> String {
        switch v {
        case .integer(let i): return String(i)
        case .real(let x): return Text.number(x)
        case .text(let t): return t
        case .list(let l): return l.map(text).joined(separator: ",")
        }
    }

    func json(_ v: Invocation.Value) -> JSON {
        switch v {
        case .integer(let i): return .integer(i)
        case .real(let x): return .number(x)
        case .text(let t): return .string(t)
        case .list(let l): return .array(l.map(json))
        }
    }
}
