import NNCore
import NNDiagnosis

extension Session {
    /// One setting of a sweep and what its seeds gave.
    struct SweepRow {
        var values: [(key: String, value: Invocation.Value)]
        var config: TrainConfig
        var test: [Double] = []
        var testLoss: [Double] = []
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
        if c.text("format") == "json" {
            return JSON.object([("results", .array(done.enumerated().map { i, row in
                .object(row.values.map { ($0.key, json($0.value)) } + [
                    ("seeds", .integer(row.test.count)),
                    ("test", .object([("median", .number(median(row.test))), ("min", .number(row.test.min()!)), ("max", .number(row.test.max()!))])),
                    ("test_loss", .object([("median", .number(median(row.testLoss)))])),
                    ("best", .bool(i == best)),
                ])
            })), ("interrupted", .bool(interrupted))]).rendered
        }
        guard !done.isEmpty else { return "interrupted before any setting finished a seed: nothing to compare (\(Text.count(rows.count, "setting")) not run)" }
        let partial = done.contains { $0.test.count < seeds }
        var table = [swept.map(\.0) + ["test median", "min", "max", "test loss"] + (partial ? ["seeds"] : []) + [""]]
        for (i, row) in done.enumerated() {
            table.append(row.values.map { text($0.value) }
                         + [Text.percent(median(row.test)), Text.percent(row.test.min()!), Text.percent(row.test.max()!),
                            Text.value(median(row.testLoss), trailingZeros: true)] + (partial ? ["\(row.test.count)"] : [])
                         + [i == best ? "← best" : ""])
        }
        var lines = ["\(Text.count(done.count, "setting")) × \(Text.count(seeds, "seed")) of \(network.summary) (medians over seeds):",
                     TextTable.render(table),
                     "best: the highest median test accuracy; a tie goes to the lower median test loss"]
        if interrupted {
            lines.append("interrupted: kept what finished" + (partial ? " (the seeds column says how many of \(seeds) each setting ran)" : "")
                         + "; \(Text.count(rows.count - done.count, "setting")) not run")
        }
        return lines.joined(separator: "\n")
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
