import XCTest
@testable import NNCore

/// The k-class output head: softmax cross-entropy from the logits, its gradient through every layer
/// against finite differences at several k (at, below and above the 8 lanes), and the k × k evaluation.
final class SoftmaxHeadTests: XCTestCase {
    func setting(inputs: Int, hidden: [LayerSpec], classes: Int, n: Int, seed: UInt32 = 3) -> (Network, [Double], [Double]) {
        var rng = RandomState(seed: seed)
        var net = Network(inputs: inputs, hidden: hidden, classes: classes)
        net.initialize(using: &rng)
        for k in net.parameters.indices { net.parameters[k] += rng.uniform(low: -0.3, high: 0.3) }
        let x = (0..<(inputs * n)).map { _ in rng.normal() }
        return (net, x, (0..<n).map { Double(($0 * 7 + 3) % classes) })
    }

    func meanLoss(_ net: Network, _ x: [Double], _ y: [Double]) -> Double { Evaluation(network: net, x: x, y: y).loss }

    func checkGradient(inputs: Int, hidden: [LayerSpec], classes: Int, n: Int, file: StaticString = #filePath, line: UInt = #line) {
        let (net, x, y) = setting(inputs: inputs, hidden: hidden, classes: classes, n: n)
        let ws = Network.Workspace(net, capacity: n)
        let loss = net.parameters.withUnsafeBufferPointer { net.lossAndGradient($0.baseAddress!, x, y, n, ws) }
        XCTAssertEqual(loss / Double(n), meanLoss(net, x, y), accuracy: 1e-12, file: file, line: line)
        let h = 1e-6
        var checked = 0
        for k in net.parameters.indices {
            var plus = net, minus = net
            plus.parameters[k] += h
            minus.parameters[k] -= h
            let numeric = (meanLoss(plus, x, y) - meanLoss(minus, x, y)) / (2 * h)
            XCTAssertEqual(ws.grad[k], numeric, accuracy: 1e-7 + 1e-5 * abs(numeric),
                           "parameter \(k) of \(net.summary)", file: file, line: line)
            if ws.grad[k] != 0 { checked += 1 }
        }
        XCTAssertGreaterThan(checked, net.parameters.count / 2, "most gradients are non-zero", file: file, line: line)
    }

    func testSoftmaxGradientsMatchFiniteDifferencesAtSeveralK() {
        for classes in [3, 4, 7, 8, 9, 10, 17] {
            checkGradient(inputs: 2, hidden: [], classes: classes, n: 13)
            for activation in Activation.allCases {
                checkGradient(inputs: 3, hidden: [LayerSpec(9, activation)], classes: classes, n: 32)
            }
            checkGradient(inputs: 64, hidden: [LayerSpec(16, .relu), LayerSpec(8, .tanh)], classes: classes, n: 7)
        }
    }

    /// Class weights scale every logit's gradient of a row (k of them), not only the first.
    func testRowWeightsScaleEachRowsWholeGradient() {
        let (net, x, y) = setting(inputs: 3, hidden: [LayerSpec(9, .tanh)], classes: 4, n: 10)
        let plain = Network.Workspace(net, capacity: 10), weighted = Network.Workspace(net, capacity: 10)
        let weights = (0..<10).map { Double($0 % 3) }
        // Row by row: the gradient of the weighted mean is the sum of each row's own gradient times its weight.
        var expected = [Double](repeating: 0, count: net.parameters.count)
        for r in 0..<10 {
            _ = net.parameters.withUnsafeBufferPointer {
                net.gradient($0.baseAddress!, Array(x[(3 * r)..<(3 * r + 3)]), [y[r]], 1, plain)
            }
            for k in expected.indices { expected[k] += plain.grad[k] * weights[r] / 10 }
        }
        _ = net.parameters.withUnsafeBufferPointer { p in
            weights.withUnsafeBufferPointer { net.gradient(p.baseAddress!, x, y, 10, weighted, weights: $0.baseAddress!) }
        }
        for k in expected.indices { XCTAssertEqual(weighted.grad[k], expected[k], accuracy: 1e-12, "parameter \(k)") }
    }

    func testLossIsLogSumExpMinusTheTrueLogitAndStableAtExtremes() {
        XCTAssertEqual(SoftmaxCrossEntropy.loss(logits: [0, 0, 0], label: 1), log(3), accuracy: 1e-15)
        XCTAssertEqual(SoftmaxCrossEntropy.loss(logits: [1, 2, 3], label: 0), log(exp(1) + exp(2) + exp(3)) - 1, accuracy: 1e-14)
        XCTAssertEqual(SoftmaxCrossEntropy.loss(logits: [1000, 0, -1000], label: 0), 0, accuracy: 1e-300)
        XCTAssertEqual(SoftmaxCrossEntropy.loss(logits: [1000, 0, -1000], label: 2), 2000, accuracy: 1e-9)
        XCTAssertEqual(SoftmaxCrossEntropy.loss(logits: [-800, -800, -800, -800], label: 3), log(4), accuracy: 1e-12)
        var g = [Double](repeating: 0, count: 3)
        [1000.0, 0, -1000].withUnsafeBufferPointer { z in
            SoftmaxCrossEntropy.gradient(logits: z.baseAddress!, classes: 3, label: 1, scale: 1, into: &g)
        }
        XCTAssertEqual(g, [1, -1, 0])
        XCTAssertEqual(Evaluation.chanceLoss(classes: 2), log(2), accuracy: 1e-15)
        XCTAssertEqual(Evaluation.chanceLoss(classes: 10), log(10), accuracy: 1e-15)
    }

    func testProbabilitiesSumToOneAndPredictionsAreTheirArgmax() {
        let (net, x, _) = setting(inputs: 4, hidden: [LayerSpec(8, .relu)], classes: 5, n: 20)
        let p = net.probabilities(x), predicted = net.predictions(x)
        XCTAssertEqual(net.logits(x).count, 100)
        for r in 0..<20 {
            let row = Array(p[(r * 5)..<(r * 5 + 5)])
            XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertEqual(predicted[r], row.firstIndex(of: row.max()!))
        }
        let (binary, bx, _) = setting(inputs: 2, hidden: [], classes: 2, n: 6)
        XCTAssertEqual(binary.predictions(bx), binary.logits(bx).map { $0 > 0 ? 1 : 0 })
        XCTAssertEqual(binary.probabilities(bx).count, 12)
    }

    func testSummaryAndParameterCountOfTheHead() {
        let net = Network(inputs: 4, hidden: [LayerSpec(16, .relu)], classes: 3)
        XCTAssertEqual(net.summary, "dense(4→16) · relu · dense(16→3) · softmax")
        XCTAssertEqual(net.parameters.count, 4 * 16 + 16 + 16 * 3 + 3)
        XCTAssertEqual(TrainingJob(inputs: 4, hidden: [LayerSpec(16, .relu)], trainRows: 1, testRows: 1, classes: 3).parameters,
                       net.parameters.count)
        XCTAssertNotEqual(Network(inputs: 2, hidden: [], classes: 3), Network(inputs: 2, hidden: [], classes: 4))
    }

    func testConfusionPrecisionRecallAndTheMostConfusedPair() {
        // Rows of logits picking classes 0,1,2,2,1,0,2 for labels 0,1,1,2,2,2,0.
        let picks = [0, 1, 2, 2, 1, 0, 2], labels: [Double] = [0, 1, 1, 2, 2, 2, 0]
        let logits = picks.flatMap { p in (0..<3).map { $0 == p ? 2.0 : 0 } }
        let e = Evaluation(logits: logits, labels: labels, classes: 3)
        XCTAssertEqual(e.confusion, [[1, 0, 1], [0, 1, 1], [1, 1, 1]])
        XCTAssertEqual(e.accuracy, 3.0 / 7, accuracy: 1e-15)
        XCTAssertEqual(e.correct, 3)
        XCTAssertEqual(e.recall.map { $0! }, [0.5, 0.5, 1.0 / 3])
        XCTAssertEqual(e.precision.map { $0! }, [0.5, 0.5, 1.0 / 3])
        let pair = e.mostConfusedPair!
        XCTAssertEqual([pair.first, pair.second, pair.errors], [0, 2, 2], "0↔2 and 1↔2 both lose 2: the lower pair")
        XCTAssertEqual(e.loss, picks.indices.map { r in
            SoftmaxCrossEntropy.loss(logits: Array(logits[(3 * r)..<(3 * r + 3)]), label: Int(labels[r])) }.reduce(0, +) / 7,
                       accuracy: 1e-15)
        XCTAssertNil(Evaluation(logits: [5, 0, 0, 0, 5, 0], labels: [0, 1], classes: 3).mostConfusedPair)
        XCTAssertNil(Evaluation(logits: [5, 0, 0, 0, 5, 0], labels: [0, 1], classes: 3).recall[2])
    }

    /// A softmax network learns three separated blobs, and the trainer's own measurement agrees with Evaluation.
    func testTrainingSeparatesThreeBlobs() {
        var rng = RandomState(seed: 9)
        let centres: [(Double, Double)] = [(-2, 0), (2, 0), (0, 2.5)]
        var x: [Double] = [], y: [Double] = []
        for i in 0..<150 { let c = centres[i % 3]; x += [c.0 + 0.4 * rng.normal(), c.1 + 0.4 * rng.normal()]; y.append(Double(i % 3)) }
        let data = TrainingData(xTrain: Array(x[..<200]), yTrain: Array(y[..<100]), xTest: Array(x[200...]), yTest: Array(y[100...]),
                                features: 2, classes: 3)
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(8, .relu)], classes: 3), config: TrainConfig(learningRate: 0.01, epochs: 100))
        XCTAssertEqual(run.train(data, epochs: 100), .finished)
        let test = Evaluation(network: run.network, x: data.xTest, y: data.yTest)
        XCTAssertGreaterThanOrEqual(test.accuracy, 0.98)
        XCTAssertEqual(run.history.last!.testAccuracy, test.accuracy)
        XCTAssertEqual(run.history.last!.testLoss, test.loss, accuracy: 1e-12)
        XCTAssertLessThan(run.history.records[0].trainLoss, 1.5 * log(3), "starts near chance, log 3")
    }
}
