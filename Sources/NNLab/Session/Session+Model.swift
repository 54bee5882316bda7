import NNCore

extension Session {
    /// `model linear` or `model dense16 relu [dense8 tanh ...] [dropout=R] [batchnorm=on]`.
    func model(_ c: Invocation) throws -> String {
        var options = ModelOptions()
        c.apply(to: &options)
        let layers = try Self.parseLayers(c.words).map { options.applied(to: $0) }
        if layers.isEmpty, options != ModelOptions() {
            throw CommandError("dropout= and batchnorm= act on hidden layers; `model linear` has none")
        }
        hidden = layers
        run = nil
        lastStop = nil
        let net = Network(inputs: inputs, hidden: layers, classes: classes)
        return "model: \(net.summary) (\(net.parameters.count) parameters)"
    }

    /// The model's inputs: the data's features, or before any data those of the built-in sets.
    var inputs: Int { data?.prepared.inputs.features ?? DataSpec.features }
    /// The classes the model's head tells apart: the data's, or two before any data.
    var classes: Int { data?.prepared.dataset.classes ?? 2 }

    static func parseLayers(_ words: [Token]) throws -> [LayerSpec] {
        let activations = CommandTable.activations
        guard let first = words.first else {
            throw CommandError("model needs layers: `model linear` or `model dense16 relu`")
        }
        if first.text == "linear" {
            if let extra = words.dropFirst().first {
                throw CommandError("`model linear` takes nothing after it (got '\(extra.text)')", column: extra.column)
            }
            return []
        }
        var layers: [LayerSpec] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            guard w.text.hasPrefix("dense"), let units = Int(w.text.dropFirst(5)) else {
                throw CommandError("expected a layer like dense16, got '\(w.text)'"
                                   + Suggest.phrase(w.text, ["linear", "dense16", "dense8", "dense32"]), column: w.column)
            }
            guard (1...Limits.units).contains(units) else {
                throw CommandError("a layer has from 1 to \(Limits.units) units (got \(w.text))", column: w.column)
            }
            guard i + 1 < words.count else {
                throw CommandError("\(w.text) needs an activation after it: \(activations.joined(separator: ", "))", column: w.column)
            }
            let a = words[i + 1]
            guard let activation = Activation(rawValue: a.text) else {
                throw CommandError("unknown activation '\(a.text)'" + Suggest.phrase(a.text, activations)
                                   + " (one of: \(activations.joined(separator: ", ")))", column: a.column)
            }
            layers.append(LayerSpec(units: units, activation: activation))
            i += 2
        }
        guard layers.count <= Limits.layers else {
            throw CommandError("at most \(Limits.layers) hidden layers (got \(layers.count))")
        }
        return layers
    }
}
