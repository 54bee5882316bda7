import NNKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stack of Dense layers ending in the output head: for two classes one logit, the
/// probability of class 1 being sigmoid(logit); for k ≥ 3 classes k logits and a softmax
/// over them. All weights and biases sit in one flat buffer so that an optimizer updates
/// them in one loop.
public struct Network: Equatable, Sendable {
    public let layers: [Dense]
    public var parameters: [Double]
    /// Per hidden layer: its batch normalisation (parameters after all the dense ones, so that a
    /// model without any lays out and draws its weights as before) and its dropout rate.
    public let norms: [BatchNorm?]
    public let dropout: [Double]
    /// No batch norm and no dropout: training and evaluation are the same pass.
    let plain: Bool
    /// How many classes the head tells apart.
    public let classes: Int

    /// `dense16 relu dense8 tanh` is `[LayerSpec(16, .relu), LayerSpec(8, .tanh)]`;
    /// an empty list is the linear model (logistic or softmax regression).
    public init(inputs: Int, hidden: [LayerSpec], classes: Int = 2) {
        precondition(classes >= 2, "a network tells at least two classes apart")
        var layers: [Dense] = []
        var width = inputs, offset = 0
        for h in hidden + [LayerSpec(Self.outputs(classes: classes), .linear)] {
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
        self.classes = classes
    }

    /// Logits per row: one (sigmoid) for two classes, else one per class (softmax).
    public static func outputs(classes: Int) -> Int { classes == 2 ? 1 : classes }
    public var outputs: Int { layers[layers.count - 1].outputs }

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

    /// `dense(2→16) · relu · dense(16→1) · sigmoid`, `dense(4→3) · softmax`
    public var summary: String {
        var parts: [String] = []
        for (l, layer) in layers.enumerated() {
            parts.append("dense(\(layer.inputs)→\(layer.outputs))")
            if l < norms.count, norms[l] != nil { parts.append("batchnorm") }
            if layer.activation != .linear { parts.append(layer.activation.rawValue) }
            if l < dropout.count, dropout[l] > 0 { parts.append("dropout(\(dropout[l]))") }
        }
        return (parts + [classes == 2 ? "sigmoid" : "softmax"]).joined(separator: " · ")
    }

    public static func == (l: Network, r: Network) -> Bool {
        l.parameters == r.parameters && l.layers.map(\.outputs) == r.layers.map(\.outputs)
            && l.layers.map(\.activation) == r.layers.map(\.activation) && l.inputs == r.inputs && l.hiddenSpecs == r.hiddenSpecs
            && l.classes == r.classes
    }

    /// Logits for the `n` rows of `x`: `n` of them for two classes, else `n × classes`, row-major.
    public func logits(_ x: [Double]) -> [Double] {
        let n = x.count / inputs
        let ws = Workspace(self, capacity: max(n, 1))
        x.withUnsafeBufferPointer { xb in
            parameters.withUnsafeBufferPointer { p in forward(p.baseAddress!, xb.baseAddress!, n, ws) }
        }
        return Array(UnsafeBufferPointer(start: ws.a[layers.count - 1], count: n * outputs))
    }

    /// The predicted class of each row: logit > 0 for two classes (p > 0.5, as Keras), else the largest logit.
    public func predictions(_ x: [Double]) -> [Int] { Self.predictions(logits: logits(x), classes: classes) }

    public static func predictions(logits: [Double], classes: Int) -> [Int] {
        guard classes > 2 else { return logits.map { $0 > 0 ? 1 : 0 } }
        return logits.withUnsafeBufferPointer { z in
            (0..<(logits.count / classes)).map { SoftmaxCrossEntropy.predicted(logits: z.baseAddress! + $0 * classes, classes: classes) }
        }
    }

    /// Each row's probability of each class, `n × classes`, row-major (two classes: 1 − p, p).
    public func probabilities(_ x: [Double]) -> [Double] { Self.probabilities(logits: logits(x), classes: classes) }

    public static func probabilities(logits: [Double], classes: Int) -> [Double] {
        guard classes > 2 else { return logits.flatMap { z -> [Double] in let p = Activation.sigmoid(z); return [1 - p, p] } }
        var out = [Double](repeating: 0, count: logits.count)
        logits.withUnsafeBufferPointer { z in
            out.withUnsafeMutableBufferPointer { g in
                for r in 0..<(logits.count / classes) {
                    // The gradient for label −1 is exactly the softmax.
                    SoftmaxCrossEntropy.gradient(logits: z.baseAddress! + r * classes, classes: classes, label: -1, scale: 1,
                                                 into: g.baseAddress! + r * classes)
                }
            }
        }
        return out
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
    /// loss and leaves the logits in `ws`. Returns how many rows have logits no larger than
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
        if classes > 2 {
            let k = classes
            for r in 0..<n {
                let z = out + r * k
                SoftmaxCrossEntropy.gradient(logits: z, classes: k, label: Int(y[r]), scale: scale, into: dOut + r * k)
                var inside = true
                for c in 0..<k where !(abs(z[c]) <= bound) { inside = false }
                if inside { bounded += 1 }
            }
        } else {
            // sigmoid(z) − y as `BinaryCrossEntropy.gradient` computes it: its exp(−z) for z ≥ 0 and
            // exp(z) below are both e^−|z|, all of them first (NNKernels, the C library's bits
            // eight at a time); the divisions after them.
            nn_exp_negabs(out, n, dOut)
            for r in 0..<n {
                let z = out[r], e = dOut[r]
                let sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                dOut[r] = (sigmoid - y[r]) * scale
                if abs(z) <= bound { bounded += 1 }
            }
        }
        if let weights {
            let k = outputs
            for r in 0..<n { for c in 0..<k { dOut[r * k + c] *= weights[r] } }
        }
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
        for r in 0..<n { total += rowLoss(out, r, y[r]) }
        return total
    }

    /// Writes the loss of each of the `n` rows whose logits the last pass left in `ws` to `ws.delta[0]`
    /// (the caller sums them in row order) and returns how many rows are predicted right. For two
    /// classes the `exp`s and `log1p`s come first, eight at a time (NNKernels: the C library's bits).
    @inline(__always)
    func rowLosses(_ y: UnsafePointer<Double>, _ n: Int, _ ws: Workspace) -> Int {
        let out = ws.a[layers.count - 1], losses = ws.delta[0]
        var correct = 0
        guard classes == 2 else {
            for r in 0..<n {
                losses[r] = rowLoss(out, r, y[r])
                if Int(y[r]) == rowPrediction(out, r) { correct += 1 }
            }
            return correct
        }
        nn_exp_negabs(out, n, losses)
        nn_log1p(losses, n, losses)
        for r in 0..<n {
            losses[r] = BinaryCrossEntropy.loss(logit: out[r], label: y[r], softplus: losses[r])
            if Int(y[r]) == (out[r] > 0 ? 1 : 0) { correct += 1 }
        }
        return correct
    }

    /// The loss of row `r` of the logits in `out`, its label `y`.
    @inline(__always)
    func rowLoss(_ out: UnsafePointer<Double>, _ r: Int, _ y: Double) -> Double {
        classes > 2 ? SoftmaxCrossEntropy.loss(logits: out + r * classes, classes: classes, label: Int(y))
                    : BinaryCrossEntropy.loss(logit: out[r], label: y)
    }

    /// The predicted class of row `r` of the logits in `out`.
    @inline(__always)
    func rowPrediction(_ out: UnsafePointer<Double>, _ r: Int) -> Int {
        classes > 2 ? SoftmaxCrossEntropy.predicted(logits: out + r * classes, classes: classes) : (out[r] > 0 ? 1 : 0)
    }

    /// Scratch buffers for `capacity` rows, allocated once per training run.
    final class Workspace {
        let z: [UnsafeMutablePointer<Double>]
        let a: [UnsafeMutablePointer<Double>]
        let delta: [UnsafeMutablePointer<Double>]
        let grad: UnsafeMutablePointer<Double>
        /// Rows of one layer's dZ transposed, for the gradient of the layer below.
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
