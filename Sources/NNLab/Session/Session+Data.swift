import Foundation
import NNCore

extension Session {
    /// `data circles n=200 noise=0.2 ...`: generates, splits and scales; the model starts fresh.
    func generate(_ c: Invocation) throws -> String {
        var spec = DataSpec(kind: DataSpec.Kind(rawValue: String(c.spec.form!))!)
        Invocation.defaults(of: c.spec, into: &spec)
        c.apply(to: &spec)
        let note = featuresNote
        return try use(LabData(spec.generate())) + note + freshModelNote
    }

    /// `data load file=PATH.csv [label=COL] [test=] [seed=] [scale=]`.
    func loadData(_ c: Invocation) throws -> String {
        let file = c.text("file")!
        let table = try CSVLoader.load(try read(file), file: file, label: c.text("label"))
        var spec = LoadSpec(file: file, label: nil, test: 0, seed: 0, scaled: true, classes: table.classes,
                            labelColumn: table.labelColumn, fileSplit: table.split != nil)
        Invocation.defaults(of: c.spec, into: &spec)
        c.apply(to: &spec)
        let note = featuresNote
        var lines = [try use(LabData(loaded: table, spec: spec)) + note]
        let names = table.dataset.featureNames
        // Digits' 64 pixel columns in one line would fill the screen: the first few, the last, and how many.
        let shown = names.count <= 16 ? names.joined(separator: ", ")
            : names.prefix(6).joined(separator: ", ") + ", ..., \(names.last!) (\(names.count) features)"
        lines.append("features: \(shown); label: \(table.labelColumn)"
                     + Self.mapping(table.classes))
        // A column named label needs no word on why; any other choice does.
        if let reason = table.labelReason, table.labelColumn.lowercased() != "label" { lines.append("label column chosen by " + reason) }
        if let other = table.otherLabels.first {
            lines.append("warning: \(table.otherLabels.joined(separator: " and ")) could be the label too, and is read as a feature; "
                         + "label=\(other) chooses it")
        }
        if table.split != nil { lines.append("split: taken from the file's split column") }
        if table.dataset.features > 2 { lines.append("plots show the first two features, the others held at their mean") }
        return lines.joined(separator: "\n") + freshModelNote
    }

    /// Makes `new` the session's data if it leaves enough points to train and test on; the model starts fresh.
    func use(_ new: LabData) throws -> String {
        try usable(new)
        data = new
        run = nil
        lastStop = nil
        return dataSummary(new)
    }

    /// Enough points to train and test on, and a training point of each class.
    func usable(_ new: LabData) throws {
        let split = new.prepared.split, d = new.prepared.dataset
        let classMissing = d.counts(of: split.train).contains(0)
        guard split.train.count >= 4, split.test.count >= 1, !classMissing else {
            throw CommandError("these settings leave \(split.train.count) training and \(split.test.count) test points"
                               + (classMissing && split.train.count >= 4 ? " and a class with no training point" : "")
                               + "; use more points (n=) or a test fraction between 0.1 and 0.5")
        }
    }

    /// " (setosa → 0, versicolor → 1, virginica → 2)", or nothing when the labels are the class numbers already.
    static func mapping(_ classes: [String]) -> String {
        classes == classes.indices.map(String.init) ? ""
            : " (" + classes.enumerated().map { "\($1) → \($0)" }.joined(separator: ", ") + ")"
    }

    /// New data starts from its raw columns: said when the old data had features.
    var featuresNote: String { data?.features == nil ? "" : "\n(features are the raw columns again)" }

    var freshModelNote: String { hidden == nil ? "" : "\n(the model will start fresh on the next train)" }

    func dataSummary(_ g: LabData) -> String {
        let d = g.prepared.dataset, s = g.prepared.split
        var line = "data: \(g.name), \(d.count) points (\(s.train.count) train, \(s.test.count) test), classes \(d.classCounts.map(String.init).joined(separator: " / "))"
        if !g.flipped.isEmpty { line += ", \(g.flipped.count) training labels flipped" }
        for kind in [DataEdit.Kind.drop, .relabel] {
            let count = g.edits.filter { $0.kind == kind }.reduce(0) { $0 + $1.points.count }
            if count > 0 { line += ", \(count) training points \(kind == .drop ? "dropped" : "relabelled")" }
        }
        if g.features != nil { line += "; features " + Self.words(g.prepared.inputs.featureNames) }
        return line
    }

    func dataInfo(json: Bool) throws -> String {
        let g = try requireData()
        let d = g.prepared.dataset, s = g.prepared.split
        let ranges = (0..<d.features).map { j -> (Double, Double) in
            let column = stride(from: j, to: d.x.count, by: d.features).map { d.x[$0] }
            return (column.min() ?? 0, column.max() ?? 0)
        }
        let train = d.counts(of: s.train), test = d.counts(of: s.test)
        if json {
            var fields: [(String, JSON)] = [
                ("n", .integer(d.count)), ("train", .integer(s.train.count)), ("test", .integer(s.test.count)),
                ("classes", .array(d.classNames.map { .string($0) })), ("counts", .integers(d.classCounts)), ("train_counts", .integers(train)), ("test_counts", .integers(test)),
                ("features", .array(d.featureNames.map { .string($0) })), ("ranges", .array(ranges.map { .numbers([$0.0, $0.1]) })),
                ("seed", .integer(Int(g.splitSeed))), ("test_fraction", .number(g.testFraction)), ("scaled", .bool(g.scaled)),
                ("flipped", .integers(g.flipped)),
                ("inputs", .array(g.prepared.inputs.featureNames.map { .string($0) })),
                ("edits", .array(g.edits.map { e in
                    .object([("kind", .string(e.kind.rawValue)), ("finding", .string(e.finding)), ("points", .integers(e.points))]
                            + (e.labels.map { [("labels", .integers($0))] } ?? []))
                })),
            ]
            switch g.origin {
            case .generated(let spec):
                fields = [("kind", .string(spec.kind.rawValue))] + fields + [
                    ("noise", .number(spec.noise)), ("imbalance", .number(spec.imbalance)), ("flip", .number(spec.flip))]
            case .loaded(let l):
                fields = [("kind", .string("load")), ("file", .string(l.file))] + fields + [
                    ("label", .string(l.labelColumn)), ("file_split", .bool(l.fileSplit))]
            }
            return JSON.object(fields).rendered
        }
        var lines: [String]
        switch g.origin {
        case .generated(let spec):
            lines = ["data: \(spec.kind.rawValue), \(d.count) points" + (spec.classes > 2 ? ", \(spec.classes) classes" : "")
                     + ", noise \(Text.number(spec.noise)), seed \(spec.seed)"]
        case .loaded(let l):
            lines = ["data: \(l.file), \(d.count) rows, label column \(l.labelColumn)"
                     + Self.mapping(l.classes)]
        }
        if case .loaded(let l) = g.origin, l.fileSplit {
            lines.append("split: \(s.train.count) train, \(s.test.count) test (from the file's split column)")
        } else {
            lines.append("split: \(s.train.count) train, \(s.test.count) test (test=\(Text.number(g.testFraction)), seed \(g.splitSeed))")
        }
        for c in 0..<d.classes {
            let name = d.classes > 2 && d.classNames[c] != String(c) ? " (\(d.classNames[c]))" : ""
            lines.append("class \(c)\(name): \(d.classCounts[c]) points (\(train[c]) train, \(test[c]) test)")
        }
        for (j, r) in ranges.enumerated() {
            lines.append("\(d.featureNames[j]): from \(Text.value(r.0)) to \(Text.value(r.1))")
        }
        if g.features != nil { lines.append("features: " + Self.words(g.prepared.inputs.featureNames) + " (the model's inputs)") }
        lines.append(g.scaled ? "scaling: standard, fit on the training rows" : "scaling: off (raw values)")
        if let spec = g.spec, spec.imbalance < 1 {
            lines.append("imbalance: class \(spec.classes > 2 ? "1 to \(spec.classes - 1) each" : "1") kept at \(Text.number(spec.imbalance)) of class 0")
        }
        if let spec = g.spec, spec.flip > 0, g.flipped.isEmpty {
            lines.append("flipped: none left among the training points (flip=\(Text.number(spec.flip)); the edits below took them out)")
        } else if let spec = g.spec, spec.flip > 0 {
            lines.append("flipped: \(g.flipped.count) training labels (flip=\(Text.number(spec.flip))): "
                         + g.flipped.prefix(20).map(String.init).joined(separator: " ") + (g.flipped.count > 20 ? " ..." : ""))
        }
        return (lines + editLines(g)).joined(separator: "\n")
    }

    /// `export data file=PATH.csv`: raw values, shortest round-trip text, written atomically.
    /// Rows come in split order (test rows, then train rows, then any in neither) with their
    /// dataset `index`, so that `data load` restores the data, the split and its order exactly:
    /// names are quoted as CSV needs, loaded data keeps its label column's name and its label texts,
    /// and the label column (the one before `split`) gets a name no feature has.
    func exportData(to path: String) throws -> String {
        let g = try requireData()
        let d = g.prepared.dataset, split = g.prepared.split
        let used = Set(split.test + split.train)
        let rows = split.test.map { ($0, "test") } + split.train.map { ($0, "train") }
            + (0..<d.count).filter { !used.contains($0) }.map { ($0, "none") }
        var (label, classes) = ("label", d.classNames)
        if case .loaded(let l) = g.origin { (label, classes) = (l.labelColumn, l.classes) }
        let taken = Set((d.featureNames + ["index", "split"]).map { $0.lowercased() })
        let base = label
        var k = 1
        while taken.contains(label.lowercased()) { k += 1; label = "\(base)_\(k)" }
        var csv = CSVFormat.line(["index"] + d.featureNames + [label, "split"]) + "\n"
        for (i, side) in rows {
            csv += "\(i)," + d.row(i).map { "\($0)" }.joined(separator: ",") + ",\(CSVFormat.field(classes[d.y[i]])),\(side)\n"
        }
        try write(csv, to: path)
        return "wrote \(d.count) rows to \(path)"
    }
}
