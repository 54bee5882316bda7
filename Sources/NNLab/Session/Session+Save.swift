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
            restoredData = file.data.map { LabData($0.generate()) } ?? file.loaded.map(restore)
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
            let expected = TrainingJob(inputs: restoredData.prepared.dataset.features, hidden: restoredHidden, trainRows: 0, testRows: 0,
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

    private var loadedPart: SessionFile.LoadedPart? {
        guard let data, case .loaded(let source) = data.origin else { return nil }
        let d = data.prepared.dataset
        return .init(source: source, features: d.featureNames, x: d.x, y: d.y, train: data.prepared.split.train, test: data.prepared.split.test)
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
