import Foundation
import NNCore

extension Session {
    /// `save file=PATH.json`: the whole session, written atomically.
    func save(to path: String) throws -> String {
        var file = SessionFile(nnlab: SessionFile.version, data: data?.spec, loaded: loadedPart,
                               features: data?.features.map { $0.map { $0.name(data!.prepared.dataset.featureNames) } },
                               edits: data.flatMap { $0.edits.isEmpty ? nil : $0.edits },
                               model: hidden,
                               settings: .init(color: settings.color, seed: settings.seed, width: settings.columns))
        if let run {
            let (stop, epoch): (String, Int?) = switch lastStop ?? .finished {
            case .finished: ("finished", nil)
            case .interrupted(let e): ("interrupted", e)
            case .diverged(let e): ("diverged", e)
            case .keptBest(let trained, _): ("kept-best", trained)
            }
            file.training = .init(config: run.config, parameters: run.network.parameters, history: run.history, stop: stop, stopEpoch: epoch)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try write(String(decoding: try encoder.encode(file), as: UTF8.self) + "\n", to: path)
        return "saved the session to \(path)" + (run == nil ? "" : " (\(run!.history.records.count) epochs of training)")
    }

    /// `load file=PATH.json`: restores a saved session exactly; the current one is replaced.
    func load(from path: String) throws -> String {
        let bytes = Data(try read(path).utf8)
        let limit = SessionFile.largestValueCount(bytes: bytes.count)
        guard bytes.withUnsafeBytes({ SessionFile.valueCount($0, stoppingAbove: limit) }) <= limit else {
            throw CommandError("\(path) holds more values than a saved nnlab session can (\(limit) in \(bytes.count >> 20) MB)")
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(SessionFile.Header.self, from: bytes) else {
            throw CommandError("\(path) is not a saved nnlab session (no \"nnlab\" version field)")
        }
        guard header.nnlab <= SessionFile.version else {
            throw CommandError("\(path) was saved by a newer nnlab (format \(header.nnlab)); this one reads format \(SessionFile.version)")
        }
        let file: SessionFile
        do {
            file = try decoder.decode(SessionFile.self, from: bytes)
        } catch {
            throw CommandError("\(path) is damaged: \(Self.describe(error))")
        }
        let restoredData: LabData?
        do {
            try file.check()
            restoredData = try (file.data.map { LabData($0.generate()) } ?? file.loaded.map(restore)).map {
                try Self.restoring(file.features, file.edits, to: $0)
            }
            if let restoredData { try usable(restoredData) }
        } catch let e as CommandError {
            throw CommandError("\(path) is damaged: \(e.message)")
        }
        let restoredHidden = file.model
        var restoredRun: TrainingRun?
        var stop: StopReason?
        if let t = file.training {
            guard let restoredData, let restoredHidden else { preconditionFailure("checked: training needs data and a model") }
            // Counted before the network is built from the file's sizes.
            let expected = TrainingJob(inputs: restoredData.prepared.inputs.features, hidden: restoredHidden, trainRows: 0, testRows: 0,
                                       classes: restoredData.prepared.dataset.classes).parameters
            guard expected == t.parameters.count else {
                throw CommandError("\(path) is damaged: \(t.parameters.count) weights for a model that has \(expected)")
            }
            var run = TrainingRun(network: freshNetwork(restoredData, restoredHidden), config: t.config)
            run.network.parameters = t.parameters
            run.history = t.history
            // The shuffle stream goes on from a seed of its own; the optimizer's moments start afresh.
            run.rng = RandomState(seed: t.config.seed &+ UInt32(truncatingIfNeeded: t.history.records.count))
            restoredRun = run
            switch t.stop {
            case "interrupted": stop = .interrupted(epoch: t.stopEpoch ?? t.history.records.count + 1)
            case "diverged": stop = .diverged(epoch: t.stopEpoch ?? t.history.records.count + 1)
            case "kept-best": stop = .keptBest(trained: t.stopEpoch ?? t.history.records.count, kept: t.history.records.count)
            default: stop = .finished
            }
        }
        reset()
        data = restoredData
        hidden = restoredHidden
        run = restoredRun
        lastStop = stop
        settings = Settings(color: file.settings.color, seed: file.settings.seed, columns: file.settings.width)
        return "loaded \(path)\n" + status()
    }

    /// The rows as loaded, before any edit (the edits are saved beside them).
    private var loadedPart: SessionFile.LoadedPart? {
        guard let data, case .loaded(let source) = data.origin else { return nil }
        let original = data.original, d = original.dataset
        return .init(source: source, features: d.featureNames, x: d.x, y: d.y, train: original.split.train, test: original.split.test)
    }

    /// A saved session's features and edits, checked as if typed: each feature a word `features` takes,
    /// each edit a known finding's training points (ascending, each once, still in the training rows).
    static func restoring(_ features: [String]?, _ edits: [DataEdit]?, to data: LabData) throws -> LabData {
        var g = data
        if let words = features {
            let columns = g.prepared.dataset.featureNames
            guard (1...Limits.features).contains(words.count) else { throw CommandError("\(words.count) features; from 1 to \(Limits.features)") }
            let terms = try words.map { w in
                guard let t = term(w, columns: columns) else { throw CommandError("a feature '\(CommandError.printable(String(w.prefix(40))))' the data has not") }
                return t
            }
            guard Set(terms).count == terms.count else { throw CommandError("a feature is named twice") }
            g.features = terms
        }
        for edit in edits ?? [] {
            let train = Set(g.prepared.split.train)
            guard Explanations.all.contains(where: { $0.id == edit.finding }), !edit.points.isEmpty,
                  edit.points.allSatisfy(train.contains), zip(edit.points, edit.points.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw CommandError("an edit names a finding or points that are not the training points of this data")
            }
            // A relabel gives each point a class of this data; without labels, the other of two.
            let classes = g.prepared.dataset.classes
            if edit.kind == .relabel ? (edit.labels.map { $0.count != edit.points.count || !$0.allSatisfy((0..<classes).contains) } ?? (classes != 2))
                : edit.labels != nil {
                throw CommandError("a relabel edit gives labels that are not one class of this data per point")
            }
            g = g.applying(edit)
        }
        return g
    }

    private func restore(_ part: SessionFile.LoadedPart) -> LabData {
        let table = LoadedTable(dataset: Dataset(x: part.x, y: part.y, features: part.features.count, featureNames: part.features,
                                                         classNames: part.source.classes),
                                labelColumn: part.source.labelColumn, classes: part.source.classes,
                                split: Split(train: part.train, test: part.test))
        return LabData(loaded: table, spec: part.source)
    }

    /// Decoding errors in one line: which field, and what was wrong.
    static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let c)?: return "missing \(path(c.codingPath + [key]))"
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?: return "wrong value at \(path(c.codingPath))"
        case .dataCorrupted(let c)?: return c.codingPath.isEmpty ? "not valid JSON" : "bad value at \(path(c.codingPath))"
        default: return "\(error)"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().drop { $0 == "." }.description
    }
}
