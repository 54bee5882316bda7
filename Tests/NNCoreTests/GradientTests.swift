import XCTest
@testable import NNCore

/// Backpropagation against central finite differences, for every activation and the loss.
final class GradientTests: XCTestCase {
    func meanLoss(_ net: Network, _ x: [Double], _ y: [Double]) -> Double {
        Evaluation(network: net, x: x, y: y).loss
    }

    func checkGradient(hidden: [LayerSpec], file: StaticString = #filePath, line: UInt = #line) {
        var rng = RandomState(seed: 3)
        var net = Network(inputs: 2, hidden: hidden)
        net.initialize(using: &rng)
        // Biases away from zero so that every unit of ReLU-like layers is off its kink.
        for k in net.parameters.indices { net.parameters[k] += rng.uniform(low: -0.3, high: 0.3) }
        let n = 7
        let x = (0..<(2 * n)).map { _ in rng.normal() }
        let y = (0..<n).map { Double($0 % 2) }
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
