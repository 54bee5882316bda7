#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stack of Dense layers ending in one logit; the output probability is
/// sigmoid(logit). All weights and biases sit in one flat buffer so that an
/// optimizer updates them in one loop.
public struct Network: Equatable, Sendable {
    public let layers: [Dense]
    public var parameters: [Double]
    /// Per hidden layer: its batch normalisation (parameters after all the dense ones, so that a
    /// model without any lays out and draws its weights as before) and its dropout rate.
    public let norms: [BatchNorm?]
    public let dropout: [Double]
    /// No batch norm and no dropout: training and evaluation are the same pass.
    let plain: Bool

    /// `dense16 relu dense8 tanh` is `[LayerSpec(16, .relu), LayerSpec(8, .tanh)]`;
    /// an empty list is the linear model (logistic regression).
    public init(inputs: Int, hidden: [LayerSpec]) {
        var layers: [Dense] = []
        var width = inputs, offset = 0
        for h in hidden + [LayerSpec(1, .linear)] {
            let layer = Dense(inputs: width, outputs: h.units, activation: h.activation, offset: offset)
            layers.append(layer)
            offset += layer.parameterCount
            width = h.units
        }
        self.layers = layers
        norms = hidden.map { h in
            guard h.batchNorm else { return nil }
            defer { offset += 4 * h.units }
            return BatchNorm(units: h.units, offset: offset)
        }
        dropout = hidden.map(\.dropout)
        plain = !hidden.contains { $0.batchNorm || $0.dropout > 0 }
        self.parameters = Array(repeating: 0, count: offset)
    }

    /// Glorot-uniform kernels drawn layer by layer in row-major order, zero biases (Keras' defaults).
    public mutating func initialize(using rng: inout RandomState) {
        for layer in layers {
            let limit = (6.0 / Double(layer.inputs + layer.outputs)).squareRoot()
            for k in 0..<(layer.inputs * layer.outputs) {
                parameters[layer.offset + k] = rng.uniform(low: -limit, high: limit)
            }
            for k in 0..<layer.outputs { parameters[layer.biasOffset + k] = 0 }
        }
        for norm in norms { norm?.initialize(&parameters) }
    }

    public var inputs: Int { layers[0].inputs }
    public var hidden: [Dense] { Array(layers.dropLast()) }
    /// The hidden layers as they were described.
    public var hiddenSpecs: [LayerSpec] {
        hidden.indices.map { LayerSpec(units: layers[$0].outputs, activation: layers[$0].activation,
                                       dropout: dropout[$0], batchNorm: norms[$0] != nil) }
    }

    /// `dense(2→16) · relu · dense(16→1) · sigmoid`
    public var summary: String {
        var parts: [String] = []
        for (l, layer) in layers.enumerated() {
            parts.append("dense(\(layer.inputs)→\(layer.outputs))")
            if l < norms.count, norms[l] != nil { parts.append("batchnorm") }
            if layer.activation != .linear { parts.append(layer.activation.rawValue) }
            if l < dropout.count, dropout[l] > 0 { parts.append("dropout(\(dropout[l]))") }
        }
        return (parts + ["sigmoid"]).joined(separator: " · ")
    }

    public static func == (l: Network, r: Network) -> Bool {
        l.parameters == r.parameters && l.layers.map(\.outputs) == r.layers.map(\.outputs)
            && l.layers.map(\.activation) == r.layers.map(\.activation) && l.inputs == r.inputs && l.hiddenSpecs == r.hiddenSpecs
    }

    /// Logits for the `n` rows of `x`.
    public func logits(_ x: [Double]) -> [Double] {
        let n = x.count / inputs
        let ws = Workspace(self, capacity: max(n, 1))
        x.withUnsafeBufferPointer { xb in
            parameters.withUnsafeBufferPointer { p in forward(p.baseAddress!, xb.baseAddress!, n, ws) }
        }
        return Array(UnsafeBufferPointer(start: ws.a[layers.count - 1], count: n))
    }

    /// Hidden activations of the `n` rows of `x`, one buffer per hidden layer (`n × units`),
    /// and their pre-activations: what dead-unit and saturation checks look at.
    public func hiddenValues(_ x: [Double]) -> [(z: [Double], a: [Double])] {
        let n = x.count / inputs
        let ws = Workspace(self, capacity: max(n, 1))
        x.withUnsafeBufferPointer { xb in
            parameters.withUnsafeBufferPointer { p in forward(p.baseAddress!, xb.baseAddress!, n, ws) }
        }
        return hidden.indices.map { l in
            (Array(UnsafeBufferPointer(start: ws.z[l], count: n * layers[l].outputs)),
             Array(UnsafeBufferPointer(start: ws.a[l], count: n * layers[l].outputs)))
        }
    }

    @inline(__always)
    func forward(_ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int, _ ws: Workspace) {
        guard plain else { return forwardRegularized(p, x, n, ws, training: false) }
        var input = x
        for (l, layer) in layers.enumerated() {
            layer.forward(p, x: input, n: n, z: ws.z[l], a: ws.a[l])
            input = UnsafePointer(ws.a[l])
        }
    }

    /// Forward and backward over `n` rows: fills `ws.grad` with the gradient of the
    /// mean loss and returns the summed loss.
    @inline(__always)
    func lossAndGradient(_ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                         _ n: Int, _ ws: Workspace) -> Double {
        _ = gradient(p, x, y, n, ws)
        return summedLoss(y, n, ws)
    }

    /// Forward and backward over `n` rows: fills `ws.grad` with the gradient of the mean
    /// loss and leaves the logits in `ws`. Returns how many logits are no larger than
    /// `bound` in magnitude (NaN never is): the trainer needs the loss only to know that it
    /// is finite, which logits bounded well below overflow guarantee without its `log1p`s.
    /// With `weights`, each row's loss counts that many times in the mean (class weights).
    @inline(__always)
    func gradient(_ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                  _ n: Int, _ ws: Workspace, bound: Double = 0, weights: UnsafePointer<Double>? = nil) -> Int {
        if plain { forward(p, x, n, ws) } else { forwardRegularized(p, x, n, ws, training: true) }
        let out = ws.a[layers.count - 1]
        let dOut = ws.delta[(layers.count - 1) % 2]
        let scale = 1.0 / Double(n)
        var bounded = 0
        // sigmoid(z) − y as `BinaryCrossEntropy.gradient` computes it: its exp(−z) for z ≥ 0 and
        // exp(z) below are both e^−|z|. The exps first, in a loop of their own, so that the
        // calls overlap; the divisions after them.
        for r in 0..<n { dOut[r] = exp(-abs(out[r])) }
        for r in 0..<n {
            let z = out[r], e = dOut[r]
            let sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e)
            dOut[r] = (sigmoid - y[r]) * scale
            if abs(z) <= bound { bounded += 1 }
        }
        if let weights { for r in 0..<n { dOut[r] *= weights[r] } }
        ws.grad.update(repeating: 0, count: parameters.count)
        guard plain else { backwardRegularized(p, x, n, ws); return bounded }
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let input = l == 0 ? x : UnsafePointer(ws.a[l - 1])
            let below = l == 0 ? nil : Dense.Below(activation: layers[l - 1].activation, z: ws.z[l - 1],
                                                   a: ws.a[l - 1], dZ: ws.delta[(l - 1) % 2])
            layers[l].backward(p, g: ws.grad, x: input, n: n, dZ: ws.delta[l % 2], below: below,
                               transposed: ws.transposed)
        }
        return bounded
    }

    /// The summed loss of the `n` logits that the last pass left in `ws`.
    @inline(__always)
    func summedLoss(_ y: UnsafePointer<Double>, _ n: Int, _ ws: Workspace) -> Double {
        let out = ws.a[layers.count - 1]
        var total = 0.0
        for r in 0..<n { total += BinaryCrossEntropy.loss(logit: out[r], label: y[r]) }
        return total
    }

    /// Scratch buffers for `capacity` rows, allocated once per training run.
    final class Workspace {
        let z: [UnsafeMutablePointer<Double>]
        let a: [UnsafeMutablePointer<Double>]
        let delta: [UnsafeMutablePointer<Double>]
        let grad: UnsafeMutablePointer<Double>
        /// W of one layer transposed, for the gradient of the layer below.
        let transposed: UnsafeMutablePointer<Double>
        /// What batch norm and dropout keep between forward and backward; nil for a plain network.
        let regularized: RegularizedWorkspace?

        init(_ net: Network, capacity: Int) {
            z = net.layers.map { .allocate(capacity: capacity * $0.outputs) }
            a = net.layers.map { .allocate(capacity: capacity * $0.outputs) }
            let widest = net.layers.map(\.outputs).max()!
            delta = (0..<2).map { _ in .allocate(capacity: capacity * widest) }
            grad = .allocate(capacity: net.parameters.count)
            transposed = .allocate(capacity: net.layers.map(\.transposedCount).max()!)
            regularized = net.plain ? nil : RegularizedWorkspace(net, capacity: capacity)
        }

        deinit {
            (z + a + delta + [grad, transposed]).forEach { $0.deallocate() }
        }
    }
}
