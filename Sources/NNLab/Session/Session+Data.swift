import Foundation
import NNCore

extension Session {
    /// `data circles n=200 noise=0.2 ...`: generates, splits and scales; the model starts fresh.
    func generate(_ c: Invocation) throws -> String {
        let kind = DataSpec.Kind(rawValue: String(c.spec.form!))!
        let spec = DataSpec(kind: kind, n: c.integer("n") ?? 200, noise: c.real("noise"), seed: UInt32(c.integer("seed") ?? 42),
                            test: c.real("test") ?? 0.2, scaled: c.text("scale") != "off",
                            flip: c.real("flip") ?? 0, imbalance: c.real("imbalance") ?? 1)
        let generated = spec.generate()
        let split = generated.prepared.split
        guard split.train.count >= 4, split.test.count >= 1, generated.prepared.dataset.classCounts.allSatisfy({ $0 > 0 }) else {
            throw CommandError("these settings leave \(split.train.count) training and \(split.test.count) test points; "
                               + "use more points (n=) or a test fraction between 0.1 and 0.5")
        }
        data = generated
        run = nil
        lastStop = nil
        return dataSummary(generated) + (hidden == nil ? "" : "\n(the model will start fresh on the next train)")
    }

    func dataSummary(_ g: GeneratedData) -> String {
        let d = g.prepared.dataset, s = g.prepared.split
        var line = "data: \(g.spec.kind.rawValue), \(d.count) points (\(s.train.count) train, \(s.test.count) test), classes \(d.classCounts[0]) / \(d.classCounts[1])"
        if !g.flipped.isEmpty { line += ", \(g.flipped.count) training labels flipped" }
        return line
    }

    func dataInfo(json: Bool) throws -> String {
        let g = try requireData()
        let d = g.prepared.dataset, s = g.prepared.split, spec = g.spec
        let ranges = (0..<d.features).map { j -> (Double, Double) in
            let column = stride(from: j, to: d.x.count, by: d.features).map { d.x[$0] }
            return (column.min() ?? 0, column.max() ?? 0)
        }
        if json {
            return JSON.object([
                ("kind", .string(spec.kind.rawValue)), ("n", .integer(d.count)),
                ("train", .integer(s.train.count)), ("test", .integer(s.test.count)),
                ("counts", .integers(d.classCounts)), ("train_counts", .integers(d.counts(of: s.train))),
                ("test_counts", .integers(d.counts(of: s.test))),
                ("features", .array(d.featureNames.map { .string($0) })),
                ("ranges", .array(ranges.map { .numbers([$0.0, $0.1]) })),
                ("noise", .number(spec.noise)), ("seed", .integer(Int(spec.seed))), ("test_fraction", .number(spec.test)),
                ("scaled", .bool(spec.scaled)), ("imbalance", .number(spec.imbalance)), ("flip", .number(spec.flip)),
                ("flipped", .integers(g.flipped)),
            ]).rendered
        }
        var lines = [
            "data: \(spec.kind.rawValue), \(d.count) points, noise \(Text.number(spec.noise)), seed \(spec.seed)",
            "split: \(s.train.count) train, \(s.test.count) test (test=\(Text.number(spec.test)))",
        ]
        let train = d.counts(of: s.train), test = d.counts(of: s.test)
        for c in 0..<2 {
            lines.append("class \(c): \(d.classCounts[c]) points (\(train[c]) train, \(test[c]) test)")
        }
        for (j, r) in ranges.enumerated() {
            lines.append("\(d.featureNames[j]): from \(Text.value(r.0)) to \(Text.value(r.1))")
        }
        lines.append(spec.scaled ? "scaling: standard, fit on the training rows" : "scaling: off (raw values)")
        if spec.imbalance < 1 { lines.append("imbalance: class 1 kept at \(Text.number(spec.imbalance)) of class 0") }
        if spec.flip > 0 {
            lines.append("flipped: \(g.flipped.count) training labels (flip=\(Text.number(spec.flip))): "
                         + g.flipped.prefix(20).map(String.init).joined(separator: " ") + (g.flipped.count > 20 ? " ..." : ""))
        }
        return lines.joined(separator: "\n")
    }

    /// `export data file=PATH.csv`: raw values, shortest round-trip text, written atomically.
    func exportData(to path: String) throws -> String {
        let g = try requireData()
        let d = g.prepared.dataset
        var split = [String](repeating: "none", count: d.count)
        for i in g.prepared.split.train { split[i] = "train" }
        for i in g.prepared.split.test { split[i] = "test" }
        var csv = "index," + d.featureNames.joined(separator: ",") + ",label,split\n"
        for i in 0..<d.count {
            csv += "\(i)," + d.row(i).map { "\($0)" }.joined(separator: ",") + ",\(d.y[i]),\(split[i])\n"
        }
        try write(csv, to: path)
        return "wrote \(d.count) rows to \(path)"
    }
}
