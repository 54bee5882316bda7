import Foundation
import XCTest
@testable import NNCore

/// Dropout, batch norm, early stopping, learning-rate decay and L1: each against its definition.
final class RegularizationTests: XCTestCase {
    static let seedData = TrainingTests.seedData

    /// A network with batch norm and dropout on every hidden layer, its weights (and γ, β) off their starting
    /// values, `n` random rows, and a fixed dropout mask per layer.
    func setting(inputs: Int, hidden: [LayerSpec], n: Int, seed: UInt32 = 3)
        -> (Network, [Double], [Double], [[Double]?]) {
        var rng = RandomState(seed: seed)
        var net = Network(inputs: inputs, hidden: hidden)
        net.initialize(using: &rng)
        for k in net.parameters.indices { net.parameters[k] += rng.uniform(low: -0.3, high: 0.3) }
        let x = (0..<(inputs * n)).map { _ in rng.normal() }
        let masks: [[Double]?] = hidden.map { h in
            h.dropout > 0 ? (0..<(n * h.units)).map { _ in rng.uniform() < h.dropout ? 0 : 1 / (1 - h.dropout) } : nil
        }
        return (net, x, (0..<n).map { Double($0 % 2) }, masks)
    }

    /// The mean training loss (batch statistics, the given masks) of `net` on the rows, and its gradient.
    func trainingLoss(_ net: Network, _ x: [Double], _ y: [Double], _ masks: [[Double]?]) -> (Double, [Double]) {
        let n = y.count, ws = Network.Workspace(net, capacity: n)
        net.setMasks(masks, ws)
        let loss = net.parameters.withUnsafeBufferPointer { net.lossAndGradient($0.baseAddress!, x, y, n, ws) }
        return (loss / Double(n), Array(UnsafeBufferPointer(start: ws.grad, count: net.parameters.count)))
    }

    func checkGradient(inputs: Int, hidden: [LayerSpec], n: Int, file: StaticString = #filePath, line: UInt = #line) {
        let (net, x, y, masks) = setting(inputs: inputs, hidden: hidden, n: n)
        let (_, gradient) = trainingLoss(net, x, y, masks)
        let h = 1e-6
        for k in net.parameters.indices {
            var plus = net, minus = net
            plus.parameters[k] += h
            minus.parameters[k] -= h
            let numeric = (trainingLoss(plus, x, y, masks).0 - trainingLoss(minus, x, y, masks).0) / (2 * h)
            XCTAssertEqual(gradient[k], numeric, accuracy: 1e-7 + 1e-5 * abs(numeric),
                           "parameter \(k) of \(net.summary), n \(n)", file: file, line: line)
        }
    }

    /// Widths below, at and above the 8 lanes, two layers, every activation, batches of 1, 13 and 32.
    func testBatchNormAndDropoutBackpropagateExactly() {
        for activation in Activation.allCases {
            for (inputs, units) in [(2, [7]), (2, [8]), (3, [16]), (10, [9, 17])] {
                for n in [1, 13, 32] {
                    checkGradient(inputs: inputs, hidden: units.map { LayerSpec(units: $0, activation: activation, batchNorm: true) }, n: n)
                    checkGradient(inputs: inputs, hidden: units.map { LayerSpec(units: $0, activation: activation, dropout: 0.3) }, n: n)
                    checkGradient(inputs: inputs, hidden: units.map {
                        LayerSpec(units: $0, activation: activation, dropout: 0.25, batchNorm: true) }, n: n)
                }
            }
        }
    }

    /// Evaluation uses the running statistics and no dropout: `u = γ(z − mean)/√(var + ε) + β` per unit.
    func testEvaluationUsesRunningStatisticsAndNoDropout() {
        let hidden = [LayerSpec(units: 9, activation: .tanh, dropout: 0.5, batchNorm: true)]
        let (net, x, _, _) = setting(inputs: 2, hidden: hidden, n: 20)
        var plainNet = Network(inputs: 2, hidden: [LayerSpec(9, .tanh)])
        plainNet.parameters = Array(net.parameters.prefix(plainNet.parameters.count))
        let values = plainNet.hiddenValues(x)[0].z, norm = net.norms[0]!
        // The same network with the batch norm folded into the dense layer's weights, by hand.
        let logits = net.logits(x), out = net.layers[1]
        for r in 0..<20 {
            var logit = net.parameters[out.biasOffset]
            for j in 0..<9 {
                let p = net.parameters, u = p[norm.gamma + j] * (values[r * 9 + j] - p[norm.runningMean + j])
                    / (p[norm.runningVariance + j] + 1e-3).squareRoot() + p[norm.beta + j]
                logit += tanh(u) * p[out.offset + j]
            }
            XCTAssertEqual(logits[r], logit, accuracy: 1e-12)
        }
    }

    /// After one step the running mean and variance moved 1% of the way to the batch's (population) ones,
    /// from Keras' starting 0 and 1; γ and β start at 1 and 0.
    func testRunningStatisticsFollowKeras() {
        let data = TrainingData(xTrain: [1, 0, 3, 0, 8, 0], yTrain: [0, 1, 0], xTest: [], yTest: [], features: 2)
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(units: 8, activation: .relu, batchNorm: true)]),
                              config: TrainConfig(learningRate: 1e-9, epochs: 1, batch: 3, optimizer: .sgd))
        let norm = run.network.norms[0]!, dense = run.network.layers[0]
        XCTAssertEqual(Array(run.network.parameters[norm.offset..<(norm.offset + 32)]),
                       [Double](repeating: 1, count: 8) + [Double](repeating: 0, count: 16) + [Double](repeating: 1, count: 8))
        let w = run.network.parameters
        run.train(data, epochs: 1)
        for j in 0..<8 {
            let z = [1.0, 3, 8].map { $0 * w[dense.offset + j] }, mean = z.reduce(0, +) / 3
            let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
            XCTAssertEqual(run.network.parameters[norm.runningMean + j], 0.01 * mean, accuracy: 1e-12)
            XCTAssertEqual(run.network.parameters[norm.runningVariance + j], 0.99 + 0.01 * variance, accuracy: 1e-12)
        }
    }

    /// Masks drop about `rate` of the values and scale the rest by 1/(1 − rate); the draws come from the
    /// run's stream, so the same seed gives the same run.
    func testDropoutMasksAndReproducibility() {
        let net = Network(inputs: 2, hidden: [LayerSpec(units: 16, activation: .relu, dropout: 0.2)])
        let ws = Network.Workspace(net, capacity: 100)
        var rng = RandomState(seed: 1)
        net.drawMasks(100, ws, using: &rng)
        let mask = Array(UnsafeBufferPointer(start: ws.regularized!.mask[0]!, count: 1600))
        XCTAssertEqual(Set(mask), [0, 1.25])
        XCTAssertEqual(Double(mask.filter { $0 == 0 }.count) / 1600, 0.2, accuracy: 0.03)
        let config = TrainConfig(epochs: 20, seed: 4)
        var a = TrainingRun(network: net, config: config), b = a
        a.train(Self.seedData, epochs: 20)
        b.train(Self.seedData, epochs: 10)
        b.train(Self.seedData, epochs: 10)
        XCTAssertEqual(a.network, b.network, "10 + 10 epochs with continue equal 20 in one go")
        XCTAssertNotEqual(a.history.records.map(\.trainLoss), TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(16, .relu)]),
                                                                            config: config).trained(20).history.records.map(\.trainLoss))
    }

    /// Without the new settings a run is the one it always was: the same weights as a network built from
    /// specs that never had them, bit for bit.
    func testDefaultsLeaveTrainingAsItWas() {
        let config = TrainConfig(epochs: 30, seed: 2)
        var explicit = config
        explicit.l1 = 0; explicit.lrDecay = 1; explicit.patience = 0
        let a = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(units: 16, activation: .relu, dropout: 0, batchNorm: false)]),
                            config: explicit).trained(30)
        let b = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(16, .relu)]), config: config).trained(30)
        XCTAssertEqual(a.network.parameters.map(\.bitPattern), b.network.parameters.map(\.bitPattern))
        XCTAssertTrue(a.network.plain)
    }

    /// The overfitting lesson's set: 60 noisy moons, 48 of them training rows.
    static let smallNoisy = DataSpec(kind: .moons, n: 60, noise: 0.35).generate().prepared.training

    /// Keras' EarlyStopping(restore_best_weights=True): stops `patience` epochs after the best, keeps the best
    /// epoch's weights (those of a run of exactly that many epochs) and cuts the history there.
    func testEarlyStoppingKeepsTheBestEpoch() {
        var config = TrainConfig(learningRate: 0.01, epochs: 2000, seed: 1)
        config.patience = 20
        XCTAssertEqual(config.fitRows(of: 160), 128)
        XCTAssertEqual(config.fitRows(of: 48), 38)
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(64, .relu), LayerSpec(64, .relu)]), config: config)
        let stop = run.train(Self.smallNoisy, epochs: 2000)
        guard case .keptBest(let trained, let kept) = stop else { return XCTFail("\(stop)") }
        XCTAssertEqual(trained - kept, 20)
        XCTAssertLessThan(trained, 2000)
        XCTAssertEqual(run.history.records.count, kept)
        var shorter = config
        shorter.patience = 10_000
        let again = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(64, .relu), LayerSpec(64, .relu)]),
                                config: shorter).trained(kept, Self.smallNoisy)
        XCTAssertEqual(run.network, again.network)
    }

    /// Epoch e (from 0) trains at lr·decayᵉ, across `continue` too.
    func testLearningRateDecaysEveryEpoch() {
        var config = TrainConfig(learningRate: 0.1, epochs: 5, optimizer: .sgd, seed: 1)
        config.lrDecay = 0.5
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(8, .relu)]), config: config)
        run.train(Self.seedData, epochs: 5)
        XCTAssertEqual(run.optimizer.learningRate, 0.1 * 0.0625)
        run.train(Self.seedData, epochs: 2)
        XCTAssertEqual(run.optimizer.learningRate, 0.1 * pow(0.5, 6))
    }

    /// L1 adds l1·sign(w) to each kernel gradient: with SGD one step moves a weight by lr·l1 more.
    func testL1PullsKernelsTowardZero() {
        let data = TrainingData(xTrain: [0, 0], yTrain: [0.5], xTest: [], yTest: [], features: 2)
        var config = TrainConfig(learningRate: 0.1, epochs: 1, batch: 1, optimizer: .sgd)
        let plain = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(9, .linear)]), config: config).trained(1, data)
        config.l1 = 0.01
        let l1 = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(9, .linear)]), config: config).trained(1, data)
        for layer in plain.network.layers {
            for k in layer.offset..<(layer.offset + layer.inputs * layer.outputs) {
                let w = plain.network.parameters[k]
                XCTAssertEqual(l1.network.parameters[k], w - 0.1 * 0.01 * (w > 0 ? 1 : -1), accuracy: 1e-15)
            }
        }
    }

    /// A file saved before these settings reads with their defaults, and defaults are not written.
    func testSavedSettingsReadOldFilesAndWriteOnlyWhatIsSet() throws {
        let old = #"{"batch":32,"epochs":500,"l2":0,"learningRate":0.001,"optimizer":"adam","seed":0}"#
        XCTAssertEqual(try JSONDecoder().decode(TrainConfig.self, from: Data(old.utf8)), TrainConfig())
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(TrainConfig()), as: UTF8.self), old)
        var config = TrainConfig()
        config.patience = 20; config.l1 = 0.001; config.lrDecay = 0.99; config.validation = 0.3
        XCTAssertEqual(try JSONDecoder().decode(TrainConfig.self, from: try encoder.encode(config)), config)
        let layer = LayerSpec(units: 16, activation: .relu, dropout: 0.2, batchNorm: true)
        XCTAssertEqual(try JSONDecoder().decode(LayerSpec.self, from: try encoder.encode(layer)), layer)
        XCTAssertEqual(String(decoding: try encoder.encode(LayerSpec(16, .relu)), as: UTF8.self), #"{"activation":"relu","units":16}"#)
    }
}

extension TrainingRun {
    func trained(_ epochs: Int, _ data: TrainingData = TrainingTests.seedData) -> TrainingRun {
        var run = self
        run.train(data, epochs: epochs)
        return run
    }
}
