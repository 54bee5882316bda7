import Foundation
import NNCore

extension Session {
    /// `save file=PATH.json`: the whole session, written atomically.
    func save(to path: String) throws -> String {
        var file = SessionFile(nnlab: SessionFile.version, data: data?.spec, loaded: loadedPart,
                               model: hidden,
                               settings: .init(color: settings.color, seed: settings.seed, width: settings.columns))
        if let run {
            let (stop, epoch): (String, Int?) = switch lastStop ?? .finished {
            case .finished: ("finished", nil)
            case .interrupted(let e): ("interrupted", e)
            case .diverged(let e): ("diverged", e)
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
        try Self.checkLimits(file, path)
        let restoredData = try file.data.map { LabData($0.generate()) } ?? file.loaded.map { try restore($0, from: path) }
        let restoredHidden = file.model
        var restoredRun: TrainingRun?
        var stop: StopReason?
        if let t = file.training {
            guard let restoredData, let restoredHidden else { throw CommandError("\(path) is damaged: training without data or model") }
            var run = TrainingRun(network: freshNetwork(restoredData, restoredHidden), config: t.config)
            guard run.network.parameters.count == t.parameters.count, t.parameters.allSatisfy(\.isFinite) else {
                throw CommandError("\(path) is damaged: \(t.parameters.count) weights for a model that has \(run.network.parameters.count)")
            }
            run.network.parameters = t.parameters
            run.history = t.history
            // The shuffle stream goes on from a seed of its own; the optimizer's moments start afresh.
            run.rng = RandomState(seed: t.config.seed &+ UInt32(truncatingIfNeeded: t.history.records.count))
            restoredRun = run
            switch t.stop {
            case "interrupted": stop = .interrupted(epoch: t.stopEpoch ?? t.history.records.count + 1)
            case "diverged": stop = .diverged(epoch: t.stopEpoch ?? t.history.records.count + 1)
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

    private var loadedPart: SessionFile.LoadedPart? {
        guard let data, case .loaded(let source) = data.origin else { return nil }
        let d = data.prepared.dataset
        return .init(source: source, features: d.featureNames, x: d.x, y: d.y, train: data.prepared.split.train, test: data.prepared.split.test)
    }

    private func restore(_ part: SessionFile.LoadedPart, from path: String) throws -> LabData {
        let n = part.y.count, d = part.features.count
        let indices = part.train + part.test
        guard d >= 2, part.x.count == n * d, part.y.allSatisfy({ $0 == 0 || $0 == 1 }), part.x.allSatisfy(\.isFinite),
              indices.allSatisfy({ (0..<n).contains($0) }), Set(indices).count == indices.count else {
            throw CommandError("\(path) is damaged: the saved rows do not fit together")
        }
        let table = LoadedTable(dataset: Dataset(x: part.x, y: part.y, features: d, featureNames: part.features),
                                labelColumn: part.source.labelColumn, classes: part.source.classes,
                                split: Split(train: part.train, test: part.test))
        return LabData(loaded: table, spec: part.source)
    }

    /// A file comes from outside: its sizes and settings pass the command table's limits, as if typed,
    /// before anything is built from them (n=1e12 or units=-5 would exhaust memory or crash).
    static func checkLimits(_ file: SessionFile, _ path: String) throws {
        var lines: [String] = []
        if let s = file.data {
            lines.append("data \(s.kind.rawValue) n=\(s.n) noise=\(s.noise) test=\(s.test) flip=\(s.flip) imbalance=\(s.imbalance)")
        }
        if let m = file.model, !m.isEmpty { lines.append("model " + m.map { "dense\($0.units) \($0.activation.rawValue)" }.joined(separator: " ")) }
        if let c = file.training?.config { lines.append("train lr=\(c.learningRate) epochs=\(c.epochs) batch=\(c.batch) l2=\(c.l2)") }
        if let width = file.settings.width { lines.append("set width=\(width)") }
        do {
            for line in lines {
                if let c = try Parser.parse(line), c.spec.name == "model" { _ = try parseLayers(c.words) }
            }
        } catch let e as CommandError {
            throw CommandError("\(path) is damaged: \(e.message)")
        }
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
