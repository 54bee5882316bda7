import NNCore
import NNDiagnosis

/// Settings and fixes as the commands that make them, built from the table's fields and written by
/// `CommandWriter`: keys at the table's defaults are left out.
extension Invocation {
    /// `data circles noise=0.3`; with `was`, the keys that differ from it come first.
    static func data(_ spec: DataSpec, was: DataSpec? = nil) -> Invocation {
        Invocation(CommandTable.spec("data " + spec.kind.rawValue), settings: spec, was: was)
    }

    /// `data load file=points.csv label=species`.
    static func load(_ spec: LoadSpec) -> Invocation {
        Invocation(CommandTable.spec("data load"), settings: spec)
    }

    /// `model dense16 relu dense8 tanh dropout=0.2`, or `model linear`.
    static func model(_ hidden: [LayerSpec]) -> Invocation {
        Invocation(CommandTable.spec("model"), words: hidden.isEmpty ? ["linear"] : hidden.flatMap { ["dense\($0.units)", $0.activation.rawValue] },
                   settings: ModelOptions(hidden))
    }

    /// `features x1 x2 x1^2 x2^2`; `features reset` for the raw columns (no terms).
    static func features(_ terms: [FeatureTerm], columns: [String]) -> Invocation {
        Invocation(CommandTable.spec("features"), words: (terms.isEmpty ? ["reset"] : terms.map { $0.name(columns) })
            .map { Token(text: $0, column: 0) })
    }

    /// `data drop show=label-noise`, `data relabel show=label-noise`.
    static func edit(_ kind: DataEdit.Kind, finding: String) -> Invocation {
        var c = Invocation(CommandTable.spec("data " + kind.rawValue))
        c.set("show", .text(finding))
        return c
    }

    /// `train lr=0.01 epochs=200`; with `was`, the keys that differ from it come first; `always` are written even at their defaults.
    static func train(_ config: TrainConfig, was: TrainConfig? = nil, always: Set<String> = []) -> Invocation {
        Invocation(CommandTable.spec("train"), settings: config, was: was, always: always)
    }

    /// The command a fix asks for; `data` is the session's, which a fix on loaded data loads again.
    static func fix(_ fix: Fix, data: LabData) -> Invocation {
        switch fix.change {
        case .model(let hidden): return .model(hidden)
        case .train(let config, let was): return .train(config, was: was)
        case .trainLonger(let more, _):
            var c = Invocation(CommandTable.spec("train"), words: [Token(text: "continue", column: 0)])
            c.set("epochs", .integer(more))
            return c
        case .data(let spec, let was): return .data(spec, was: was)
        case .scaleLoadedData:
            guard case .loaded(var spec) = data.origin else { return data.invocation }
            spec.scaled = true
            return .load(spec)
        case .features(let terms): return .features(terms, columns: data.prepared.dataset.featureNames)
        case .dropPoints(let finding, _): return .edit(.drop, finding: finding)
        case .relabelPoints(let finding, _): return .edit(.relabel, finding: finding)
        case .sweep(let rates, let seeds):
            var c = Invocation(CommandTable.spec("sweep"))
            c.set("lr", .list(rates.map { .real($0) }))
            c.set("seeds", .integer(seeds))
            return c
        }
    }
}
