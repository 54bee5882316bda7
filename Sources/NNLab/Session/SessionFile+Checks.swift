import NNCore

/// A session file comes from outside (learners share them): every field passes the limits a typed
/// command would, read from the command table's keys, and the parts fit together, before anything
/// is built from them. Names and labels must be as `data load` makes them (printable, short), so
/// nothing from a file reaches a terminal, a transcript or a script as a control character.
extension SessionFile {
    /// Throws the first problem, in words; the caller names the file.
    func check() throws {
        guard nnlab >= 1 else { throw CommandError("format \(nnlab) is not one nnlab writes") }
        if let d = data {
            try Self.settings(d, of: "data " + d.kind.rawValue)
            guard d.classes == 2 || d.kind.manyClasses else { throw CommandError("data \(d.kind.rawValue) has two classes, not \(d.classes)") }
        }
        if let l = loaded { try l.check() }
        guard data == nil || loaded == nil else { throw CommandError("both generated and loaded data") }
        if let model, !model.isEmpty {
            _ = try Session.parseLayers(Invocation.model(model).words)
            try Self.settings(ModelOptions(model), of: "model")
            guard model.allSatisfy({ ModelOptions([$0]) == ModelOptions(model) }) else {
                throw CommandError("the model's layers differ in dropout or batch norm; the model command gives all the same")
            }
        }
        if let t = training {
            guard data != nil || loaded != nil, model != nil else { throw CommandError("training without data or model") }
            try t.check()
        }
        let chosen = Settings(color: settings.color, seed: settings.seed, columns: settings.width)
        try Self.settings(chosen, of: "set")
    }

    /// Every field of `root` that a key of the command is bound to passes the key's check in the
    /// command table, written and read back as if typed.
    static func settings<Root>(_ root: Root, of command: String) throws {
        for key in CommandTable.spec(command).keys {
            guard let field = key.field, field.root == Root.self, let value = field.value(of: root) else { continue }
            _ = try Parser.value(CommandWriter.text(value), for: key, column: 0)
        }
    }

    /// As `data load` makes a name or label: escaped, so it reads back as itself.
    static func name(_ text: String, _ what: String) throws {
        guard CommandError.printable(text) == text else { throw CommandError("\(what) holds control characters or is too long") }
    }
}

extension SessionFile.LoadedPart {
    func check() throws {
        try SessionFile.settings(source, of: "data load")
        for (text, what) in [(source.file, "the file name"), (source.labelColumn, "the label column")] + (source.label.map { [($0, "label")] } ?? []) {
            try SessionFile.name(text, what)
        }
        let k = source.classes.count
        guard (2...Limits.classes).contains(k), Set(source.classes).count == k else {
            throw CommandError("the data needs from 2 to \(Limits.classes) different class names")
        }
        for c in source.classes { try SessionFile.name(c, "a class name") }
        guard (2...Limits.features).contains(features.count) else {
            throw CommandError("\(features.count) features; nnlab takes from 2 to \(Limits.features)")
        }
        for f in features { try SessionFile.name(f, "a feature name") }
        let n = y.count, d = features.count
        guard (1...Limits.points).contains(n) else { throw CommandError("\(n) rows; nnlab takes from 1 to \(Limits.points)") }
        guard x.count == n * d, y.allSatisfy({ (0..<k).contains($0) }), x.allSatisfy({ abs($0) <= Limits.magnitude }) else {
            throw CommandError("the saved rows do not fit together")
        }
        let indices = train + test
        guard indices.allSatisfy({ (0..<n).contains($0) }), Set(indices).count == indices.count else {
            throw CommandError("the split names rows that are not there, or a row twice")
        }
    }
}

extension SessionFile.TrainingPart {
    func check() throws {
        try SessionFile.settings(config, of: "train")
        guard parameters.allSatisfy(\.isFinite) else { throw CommandError("a weight is not a finite number") }
        let records = history.records
        guard records.count <= Limits.history else {
            throw CommandError("history: \(records.count) epochs; a session keeps at most \(Limits.history)")
        }
        for (i, r) in records.enumerated() {
            guard r.epoch == i + 1 else { throw CommandError("history: epoch \(r.epoch) where epoch \(i + 1) belongs") }
            guard [r.trainLoss, r.testLoss, r.gradientNorm].allSatisfy({ $0.isFinite && $0 >= 0 }),
                  [r.trainAccuracy, r.testAccuracy, r.deadFraction].allSatisfy({ (0...1).contains($0) }) else {
                throw CommandError("history: epoch \(r.epoch) has a loss, accuracy or share out of range")
            }
        }
        switch stop {
        case "finished": break
        case "interrupted", "diverged":
            guard stopEpoch.map({ (1...records.count + 1).contains($0) }) ?? true else {
                throw CommandError("training \(stop) at epoch \(stopEpoch!) of \(records.count)")
            }
        case "kept-best":
            guard stopEpoch.map({ (records.count...Limits.epochs * 1000).contains($0) }) ?? true else {
                throw CommandError("training kept epoch \(records.count) of \(stopEpoch!)")
            }
        default: throw CommandError("training stopped as '\(stop.prefix(20))'; finished, interrupted, diverged or kept-best")
        }
    }
}

extension SessionFile {
    /// The most JSON values a saved session of `bytes` bytes can hold: the largest data (rows, labels,
    /// split), the largest model's weights, and its history, whose epochs take over 100 bytes for their
    /// 8 values each (keys not counted). Counted before decoding: 31 million zeros in a 62 MB file took
    /// the decoder 45 s and 1.5 GB.
    static func largestValueCount(bytes: Int) -> Int {
        let model = TrainingJob(inputs: Limits.features, hidden: Array(repeating: LayerSpec(units: Limits.units, activation: .relu, batchNorm: true),
                                                                                  count: Limits.layers),
                                trainRows: 0, testRows: 0)
        return Limits.points * (Limits.features + 3) + Limits.features + model.parameters + 1000 + bytes / 12
    }

    /// Numbers, strings, literals, arrays and objects in a JSON text (keys not counted), without building them.
    static func valueCount(_ json: UnsafeRawBufferPointer, stoppingAbove limit: Int) -> Int {
        var count = 0, inString = false, escaped = false, inScalar = false, afterString = false
        for c in json where count <= limit {
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false; afterString = true }
                continue
            }
            switch c {
            case 0x20, 0x0A, 0x0D, 0x09: inScalar = false; continue // blanks
            case 0x3A: if afterString { count -= 1 } // the string before `:` was a key
            case 0x22: inString = true; count += 1
            case 0x5B, 0x7B: count += 1 // [ {
            case 0x2C, 0x5D, 0x7D: break // , ] }
            default: if !inScalar { count += 1 }
            }
            inScalar = !(c == 0x22 || c == 0x5B || c == 0x7B || c == 0x2C || c == 0x5D || c == 0x7D || c == 0x3A)
            afterString = false
        }
        return count
    }
}
