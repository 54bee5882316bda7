import NNCore

/// Fixes as the commands a learner types. `train` and `data` start from their
/// defaults, so a command spells out every setting of the run that differs from
/// them, the changed ones first: typed as shown, it runs what the doctor verifies.
extension Fix {
    /// `model dense16 relu dense8 tanh`, or `model linear` without hidden layers.
    static func model(_ hidden: [LayerSpec]) -> Fix {
        let words = hidden.isEmpty ? ["linear"] : hidden.flatMap { ["dense\($0.units)", $0.activation.rawValue] }
        return Fix(command: (["model"] + words).joined(separator: " "), change: .model(hidden: hidden))
    }

    /// A model with room to spare: the post's one hidden layer for a linear model,
    /// two ReLU layers (32, 16) for anything smaller, else every layer twice as wide.
    static func biggerModel(than hidden: [LayerSpec]) -> Fix {
        if hidden.isEmpty { return model([LayerSpec(units: 16, activation: .relu)]) }
        if hidden.reduce(0, { $0 + $1.units }) < 48 {
            return model([LayerSpec(units: 32, activation: .relu), LayerSpec(units: 16, activation: .relu)])
        }
        return model(hidden.map { LayerSpec(units: 2 * $0.units, activation: $0.activation) })
    }

    /// The same layers with every ReLU made leaky, so no unit can go silent for good.
    static func leaky(_ hidden: [LayerSpec]) -> Fix {
        model(hidden.map { $0.activation == .relu ? LayerSpec(units: $0.units, activation: .leaky_relu) : $0 })
    }

    /// `train lr=0.1 epochs=100 optimizer=sgd` for `settings` with `change` applied.
    static func train(_ settings: TrainConfig, _ change: (inout TrainConfig) -> Void) -> Fix {
        var new = settings
        change(&new)
        let old = settings, base = TrainConfig()
        var words = Words(["train"])
        words.add("lr", new.learningRate, old.learningRate, base.learningRate, Format.number(new.learningRate))
        words.add("epochs", new.epochs, old.epochs, base.epochs, "\(new.epochs)")
        words.add("batch", new.batch, old.batch, base.batch, "\(new.batch)")
        words.add("optimizer", new.optimizer, old.optimizer, base.optimizer, new.optimizer.rawValue)
        words.add("seed", new.seed, old.seed, base.seed, "\(new.seed)")
        words.add("l2", new.l2, old.l2, base.l2, Format.number(new.l2))
        return Fix(command: words.command, change: .train(new))
    }

    /// `train lr=<lr·factor>`, rounded to what the command shows so the experiment is what gets typed.
    static func learningRate(_ settings: TrainConfig, times factor: Double) -> Fix {
        train(settings) { $0.learningRate = Double(Format.number(settings.learningRate * factor)) ?? $0.learningRate * factor }
    }

    /// `train continue epochs=N`: keeps the weights and goes on, which is the same run as
    /// training `settings.epochs + N` epochs from scratch with the same seed.
    static func trainLonger(_ settings: TrainConfig, by more: Int) -> Fix {
        var config = settings
        config.epochs += more
        return Fix(command: "train continue epochs=\(more)", change: .train(config))
    }

    /// `data circles noise=0.3 scale=on` for `spec` with `change` applied.
    static func data(_ spec: DataSpec, _ change: (inout DataSpec) -> Void) -> Fix {
        var new = spec
        change(&new)
        let old = spec, base = DataSpec(kind: new.kind)
        var words = Words(["data", new.kind.rawValue])
        words.add("n", new.n, old.n, base.n, "\(new.n)")
        words.add("noise", new.noise, old.noise, base.noise, Format.number(new.noise))
        words.add("seed", new.seed, old.seed, base.seed, "\(new.seed)")
        words.add("test", new.test, old.test, base.test, Format.number(new.test))
        words.add("flip", new.flip, old.flip, base.flip, Format.number(new.flip))
        words.add("imbalance", new.imbalance, old.imbalance, base.imbalance, Format.number(new.imbalance))
        words.add("scale", new.scaled, old.scaled, base.scaled, new.scaled ? "on" : "off")
        return Fix(command: words.command, change: .data(new))
    }
}

/// A command's words: the verb, then `key=value` for each changed setting, then for each other non-default one.
private struct Words {
    let verb: [String]
    var changed: [String] = [], kept: [String] = []
    init(_ verb: [String]) { self.verb = verb }

    mutating func add<T: Equatable>(_ key: String, _ new: T, _ old: T, _ base: T, _ text: String) {
        if new != old { changed.append("\(key)=\(text)") } else if new != base { kept.append("\(key)=\(text)") }
    }

    var command: String { (verb + changed + kept).joined(separator: " ") }
}
