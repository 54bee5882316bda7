import NNCore
import NNDiagnosis
import NNPlot

extension Session {
    /// `compare KEY=A,B[,C,D] [other keys] [seeds=1] [format=json] [file=PATH.svg]`.
    func compare(_ c: Invocation) throws -> String {
        let (data, base) = try currentSetup()
        let lists = c.spec.keys.filter(\.list).compactMap { key in c.list(key.name).map { (key: key.name, values: $0) } }
        let varied = lists.filter { $0.values.count > 1 }
        guard let (key, values) = varied.first.map({ ($0.key, $0.values) }) else {
            throw CommandError("compare needs one setting with 2 to 4 values, e.g. compare lr=0.001,0.01")
        }
        guard varied.count == 1 else {
            throw CommandError("compare varies one setting at a time (\(varied.map(\.key).joined(separator: " and ")) both have several values); sweep tries combinations")
        }
        guard values.count <= Comparison.maximumRuns else {
            throw CommandError("compare draws at most \(Comparison.maximumRuns) runs together (\(key)= has \(values.count) values); sweep takes more")
        }
        var fixed = base.config
        for (name, values) in lists where values.count == 1 { c.spec.key(name)?.field?.apply(values[0], to: &fixed) }
        let experiments = values.map { value -> Experiment in
            var e = base
            e.config = fixed
            c.spec.key(key)?.field?.apply(value, to: &e.config)
            return e
        }
        let seeds = c.integer("seeds") ?? 1
        let training = data.prepared.training
        let network = freshNetwork(data, base.hidden)
        try checkWork(experiments.map { TrainingJob(hidden: $0.hidden, data: training, config: $0.config, runs: seeds) },
                      doing: "compare trains \(values.count) settings × \(seeds) seed\(seeds == 1 ? "" : "s")")
        let comparison = Comparison.run(experiments, on: training, seeds: (0..<seeds).map { fixed.seed &+ UInt32($0) },
                                        shouldStop: shouldStop)
        let labels = values.map(text)
        if c.text("format") == "json" {
            return CompareRenderer.json(comparison, key: key, values: values.map(json), seeds: seeds)
        }
        let figure = Plot.losses(zip(labels, comparison.entries).map { ("\(key) \($0) train loss", $1.trainLosses) },
                                 title: "\(data.name): training loss by \(key)")
        var out = CompareRenderer.text(comparison, key: key, labels: labels, model: network.summary, seeds: seeds,
                                       seed: fixed.seed)
        if let file = c.text("file") {
            try write(figure.svg(), to: file)
            out += "\nwrote the loss curves to \(file)"
        } else if !comparison.entries.isEmpty {
            out += "\n" + figure.terminal(effectiveDisplay)
        }
        return out
    }
}
