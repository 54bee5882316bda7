import NNKernels

/// The passes of a network with batch norm or dropout, kept apart from the plain ones so that a
/// model without them runs exactly the code it always ran. Hidden layer `l` computes
/// `z = BN(x·W + b)` (or `x·W + b` without batch norm), `a = act(z)`, and in training passes
/// `a ⊙ mask` on, the mask holding 0 for a dropped value and 1/(1 − rate) for a kept one
/// (Keras' inverted dropout: nothing to rescale at evaluation).
extension Network {
    var hasDropout: Bool { dropout.contains { $0 > 0 } }
    var hasBatchNorm: Bool { norms.contains { $0 != nil } }

    /// Draws the dropout masks of the next `n`-row training pass: row by row, unit by unit, layer by
    /// layer, a value is dropped when a uniform draw falls below the rate (Keras keeps it when ≥ rate).
    func drawMasks(_ n: Int, _ ws: Workspace, using rng: inout RandomState) {
        guard let r = ws.regularized else { return }
        for (l, rate) in dropout.enumerated() where rate > 0 {
            let mask = r.mask[l]!, keep = 1 / (1 - rate)
            for k in 0..<(n * layers[l].outputs) { mask[k] = rng.uniform() < rate ? 0 : keep }
        }
    }

    /// Sets the masks of the next pass (the finite-difference checks hold them fixed).
    func setMasks(_ masks: [[Double]?], _ ws: Workspace) {
        for (l, values) in masks.enumerated() {
            guard let values, let mask = ws.regularized?.mask[l] else { continue }
            values.withUnsafeBufferPointer { mask.update(from: $0.baseAddress!, count: values.count) }
        }
    }

    /// Moves the running statistics of every batch norm towards those of the last training pass.
    func updateRunningStatistics(_ p: UnsafeMutablePointer<Double>, _ ws: Workspace) {
        guard let r = ws.regularized else { return }
        for (l, norm) in norms.enumerated() { if let norm { norm.updateRunning(p, batch: r.statistics[l]!) } }
    }

    /// The input of layer `l + 1` in this pass: layer `l`'s output, masked in training.
    private func output(of l: Int, _ ws: Workspace, training: Bool) -> UnsafePointer<Double> {
        if training, let dropped = ws.regularized?.dropped[l] { return UnsafePointer(dropped) }
        return UnsafePointer(ws.a[l])
    }

    func forwardRegularized(_ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int, _ ws: Workspace, training: Bool) {
        let r = ws.regularized!
        var input = x
        for (l, layer) in layers.enumerated() {
            guard l < norms.count else { layer.forward(p, x: input, n: n, z: ws.z[l], a: ws.a[l]); break }
            let count = n * layer.outputs, z = ws.z[l], a = ws.a[l]
            if let norm = norms[l], let dense = r.dense[l] {
                nn_forward(p + layer.offset, p + layer.biasOffset, input, n, layer.inputs, layer.outputs, dense)
                norm.forward(p, z: dense, n: n, u: z, batch: training ? r.statistics[l] : nil)
                for k in 0..<count { a[k] = layer.activation.apply(z[k]) }
            } else {
                layer.forward(p, x: input, n: n, z: z, a: a)
            }
            if training, let mask = r.mask[l], let dropped = r.dropped[l] {
                for k in 0..<count { dropped[k] = a[k] * mask[k] }
            }
            input = output(of: l, ws, training: training)
        }
    }

    /// Backward through the training pass `forwardRegularized` made, from the output gradient in
    /// `ws.delta`; the dropout mask and the activation's slope both scale each value, so they commute.
    func backwardRegularized(_ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int, _ ws: Workspace) {
        let r = ws.regularized!
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let input = l == 0 ? x : output(of: l - 1, ws, training: true)
            let below = l == 0 ? nil : Dense.Below(activation: layers[l - 1].activation, z: ws.z[l - 1],
                                                   a: ws.a[l - 1], dZ: ws.delta[(l - 1) % 2])
            layers[l].backward(p, g: ws.grad, x: input, n: n, dZ: ws.delta[l % 2], below: below, transposed: ws.transposed)
            guard l > 0 else { break }
            let d = ws.delta[(l - 1) % 2], count = n * layers[l - 1].outputs
            if let mask = r.mask[l - 1] { for k in 0..<count { d[k] *= mask[k] } }
            if let norm = norms[l - 1] { norm.backward(p, g: ws.grad, d: d, n: n, batch: r.statistics[l - 1]!) }
        }
    }
}

/// Per hidden layer, what batch norm (the dense outputs before it, the batch statistics) and dropout
/// (the mask, the masked outputs) keep for `capacity` rows; nil where the layer has none.
final class RegularizedWorkspace {
    let dense: [UnsafeMutablePointer<Double>?]
    let statistics: [BatchNorm.Statistics?]
    let mask: [UnsafeMutablePointer<Double>?]
    let dropped: [UnsafeMutablePointer<Double>?]

    init(_ net: Network, capacity: Int) {
        let hidden = net.hiddenSpecs
        dense = hidden.map { $0.batchNorm ? .allocate(capacity: capacity * $0.units) : nil }
        statistics = hidden.map { $0.batchNorm ? BatchNorm.Statistics(units: $0.units, capacity: capacity) : nil }
        mask = hidden.map { $0.dropout > 0 ? .allocate(capacity: capacity * $0.units) : nil }
        dropped = hidden.map { $0.dropout > 0 ? .allocate(capacity: capacity * $0.units) : nil }
    }

    deinit { (dense + mask + dropped).forEach { $0?.deallocate() } }
}
