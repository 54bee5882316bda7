import XCTest
@testable import NNCore

/// Backpropagation against central finite differences, for every activation and the loss.
final class GradientTests: XCTestCase {
    func meanLoss(_ net: Network, _ x: [Double], _ y: [Double]) -> Double {
        Evaluation(network: net, x: x, y: y).loss
    }

    /// A network of `inputs` inputs and `hidden` layers, its weights off zero, and `n` random rows.
    func setting(inputs: Int, hidden: [LayerSpec], n: Int, seed: UInt32 = 3) -> (Network, [Double], [Double]) {
        var rng = RandomState(seed: seed)
        var net = Network(inputs: inputs, hidden: hidden)
        net.initialize(using: &rng)
        // Biases away from zero so that every unit of ReLU-like layers is off its kink.
        for k in net.parameters.indices { net.parameters[k] += rng.uniform(low: -0.3, high: 0.3) }
        let x = (0..<(inputs * n)).map { _ in rng.normal() }
        return (net, x, (0..<n).map { Double($0 % 2) })
    }

    func checkGradient(inputs: Int = 2, hidden: [LayerSpec], n: Int = 7, file: StaticString = #filePath, line: UInt = #line) {
        let (net, x, y) = setting(inputs: inputs, hidden: hidden, n: n)
        let ws = Network.Workspace(net, capacity: n)
        let loss = net.parameters.withUnsafeBufferPointer { net.lossAndGradient($0.baseAddress!, x, y, n, ws) }
        XCTAssertEqual(loss / Double(n), meanLoss(net, x, y), accuracy: 1e-12, file: file, line: line)
        let h = 1e-6
        for k in net.parameters.indices {
            var plus = net, minus = net
            plus.parameters[k] += h
            minus.parameters[k] -= h
            let numeric = (meanLoss(plus, x, y) - meanLoss(minus, x, y)) / (2 * h)
            XCTAssertEqual(ws.grad[k], numeric, accuracy: 1e-7 + 1e-5 * abs(numeric),
                           "parameter \(k) of \(net.summary)", file: file, line: line)
        }
    }

    /// class_weight=balanced: the gradient is that of the mean of weight × loss over the rows, and the
    /// weights are scikit-learn's n / (k · count).
    func testClassWeightsScaleEachRowsLossInTheGradient() {
        let n = 9
        var (net, x, _) = setting(inputs: 3, hidden: [LayerSpec(8, .tanh)], n: n)
        net.parameters[0] += 0.1
        let y: [Double] = [0, 0, 0, 0, 0, 0, 0, 1, 1]
        let weights = ClassWeight.balanced.weights(y)
        XCTAssertEqual(weights.map(\.label), [0, 1])
        XCTAssertEqual(weights.map(\.weight), [9.0 / (2 * 7), 9.0 / (2 * 2)])
        XCTAssertEqual(ClassWeight.none.weights(y).map(\.weight), [1, 1])
        let rows = ClassWeight.balanced.rowWeights(y)!
        XCTAssertNil(ClassWeight.none.rowWeights(y))
        func weightedLoss(_ net: Network) -> Double {
            zip(zip(net.logits(x), y), rows).reduce(0) { $0 + $1.1 * BinaryCrossEntropy.loss(logit: $1.0.0, label: $1.0.1) } / Double(n)
        }
        let ws = Network.Workspace(net, capacity: n)
        net.parameters.withUnsafeBufferPointer { p in
            rows.withUnsafeBufferPointer { w in _ = net.gradient(p.baseAddress!, x, y, n, ws, weights: w.baseAddress!) }
        }
        let h = 1e-6
        for k in net.parameters.indices {
            var plus = net, minus = net
            plus.parameters[k] += h
            minus.parameters[k] -= h
            let numeric = (weightedLoss(plus) - weightedLoss(minus)) / (2 * h)
            XCTAssertEqual(ws.grad[k], numeric, accuracy: 1e-7 + 1e-5 * abs(numeric), "parameter \(k)")
        }
    }

    func testEveryActivationBackpropagatesExactly() {
        for activation in Activation.allCases {
            checkGradient(hidden: [LayerSpec(5, activation)])
        }
    }

    func testDeepStacksAndTheLinearModel() {
        checkGradient(hidden: [])
        checkGradient(hidden: [LayerSpec(4, .relu), LayerSpec(3, .tanh), LayerSpec(3, .sigmoid)])
        checkGradient(hidden: [LayerSpec(6, .leaky_relu), LayerSpec(2, .linear)])
    }

    /// The layer loops run eight values at a time: widths below, at and above the 8 lanes, wide-to-wide
    /// layers, every activation, and the batch sizes people type (1, the default 32, one that leaves a tail).
    func testEveryActivationAtTheWidthsTheVectorLoopsTake() {
        let shapes: [(inputs: Int, units: [Int])] = [(2, [7]), (2, [8]), (2, [9]), (10, [24]), (16, [16]), (3, [9, 17])]
        for activation in Activation.allCases {
            for (inputs, units) in shapes {
                for n in [1, 13, 32] {
                    checkGradient(inputs: inputs, hidden: units.map { LayerSpec($0, activation) }, n: n)
                }
            }
        }
        for activation in Activation.allCases { checkGradient(inputs: 64, hidden: [LayerSpec(64, activation)], n: 32) }
    }

    /// The vectorised forward and backward give, bit for bit, what plain scalar loops give in the same
    /// order (`z = b + x₀w₀ + x₁w₁ + …`, gradients summed row by row from zero) on random inputs.
    func testTheVectorLoopsEqualAPlainScalarNetwork() {
        for activation in Activation.allCases {
            for (inputs, units, n) in [(2, [16], 32), (10, [24, 9], 13), (64, [64], 7), (5, [8, 8], 1)] {
                let (net, x, y) = setting(inputs: inputs, hidden: units.map { LayerSpec($0, activation) }, n: n, seed: 5)
                let ws = Network.Workspace(net, capacity: n)
                _ = net.parameters.withUnsafeBufferPointer { net.lossAndGradient($0.baseAddress!, x, y, n, ws) }
                let (logits, gradient) = ScalarNetwork(net).logitsAndGradient(x, y)
                XCTAssertEqual(net.logits(x).map(\.bitPattern), logits.map(\.bitPattern), net.summary)
                let vectorised = Array(UnsafeBufferPointer(start: ws.grad, count: net.parameters.count))
                let differing = vectorised.indices.filter { vectorised[$0].bitPattern != gradient[$0].bitPattern }
                XCTAssertEqual(differing, [], "\(net.summary), n \(n): first \(differing.first.map { "\(vectorised[$0]) vs \(gradient[$0])" } ?? "")")
            }
        }
    }

    func testLossFromLogitsIsStableAtExtremes() {
        XCTAssertEqual(BinaryCrossEntropy.loss(logit: 800, label: 1), 0, accuracy: 1e-300)
        XCTAssertEqual(BinaryCrossEntropy.loss(logit: -800, label: 1), 800, accuracy: 1e-9)
        XCTAssertEqual(BinaryCrossEntropy.loss(logit: 0, label: 0), log(2), accuracy: 1e-15)
        XCTAssertEqual(Activation.sigmoid(-800), 0)
        XCTAssertEqual(Activation.sigmoid(800), 1)
    }

    func testSummaryReadsLikeTheModel() {
        XCTAssertEqual(Network(inputs: 2, hidden: [LayerSpec(16, .relu)]).summary, "dense(2→16) · relu · dense(16→1) · sigmoid")
        XCTAssertEqual(Network(inputs: 2, hidden: []).summary, "dense(2→1) · sigmoid")
        XCTAssertEqual(Network(inputs: 2, hidden: [LayerSpec(16, .relu)]).parameters.count, 2 * 16 + 16 + 16 + 1)
    }
}

/// The network as plain scalar loops, one value at a time, each product added by one fused multiply-add
/// (`addingProduct`) as NNKernels does: the reference the vector loops must equal.
struct ScalarNetwork {
    let net: Network
    init(_ net: Network) { self.net = net }

    func logitsAndGradient(_ x: [Double], _ y: [Double]) -> (logits: [Double], gradient: [Double]) {
        let p = net.parameters, n = y.count
        var zs: [[Double]] = [], inputs: [[Double]] = [x]
        for layer in net.layers {
            let input = inputs.last!, w = layer.offset, b = layer.offset + layer.inputs * layer.outputs
            var z = [Double](repeating: 0, count: n * layer.outputs)
            for r in 0..<n {
                for o in 0..<layer.outputs {
                    var s = p[b + o]
                    for i in 0..<layer.inputs { s = s.addingProduct(input[r * layer.inputs + i], p[w + i * layer.outputs + o]) }
                    z[r * layer.outputs + o] = s
                }
            }
            zs.append(z)
            inputs.append(z.map(layer.activation.apply))
        }
        let logits = zs.last!
        var g = [Double](repeating: 0, count: p.count)
        let scale = 1.0 / Double(n)
        var dZ = (0..<n).map { (Activation.sigmoid(logits[$0]) - y[$0]) * scale }
        for l in stride(from: net.layers.count - 1, through: 0, by: -1) {
            let layer = net.layers[l], input = inputs[l], w = layer.offset, b = layer.offset + layer.inputs * layer.outputs
            for o in 0..<layer.outputs {
                for r in 0..<n { g[b + o] += dZ[r * layer.outputs + o] }
                for i in 0..<layer.inputs {
                    for r in 0..<n {
                        g[w + i * layer.outputs + o] = g[w + i * layer.outputs + o].addingProduct(input[r * layer.inputs + i], dZ[r * layer.outputs + o])
                    }
                }
            }
            guard l > 0 else { break }
            let below = net.layers[l - 1]
            var dBelow = [Double](repeating: 0, count: n * layer.inputs)
            for r in 0..<n {
                for i in 0..<layer.inputs {
                    var s = 0.0
                    for o in 0..<layer.outputs { s = s.addingProduct(p[w + i * layer.outputs + o], dZ[r * layer.outputs + o]) }
                    let k = r * layer.inputs + i
                    dBelow[k] = below.activation == .linear ? s : s * below.activation.derivative(z: zs[l - 1][k], a: inputs[l][k])
                }
            }
            dZ = dBelow
        }
        return (logits, g)
    }
}
