/// Settings of one `train` command; the defaults are Keras'.
public struct TrainConfig: Equatable, Codable, Sendable {
    public var learningRate = 0.001
    public var epochs = 500
    public var batch = 32
    public var optimizer = OptimizerKind.adam
    public var seed: UInt32 = 0
    public var l2 = 0.0

    public init(learningRate: Double = 0.001, epochs: Int = 500, batch: Int = 32,
                optimizer: OptimizerKind = .adam, seed: UInt32 = 0, l2: Double = 0) {
        self.learningRate = learningRate
        self.epochs = epochs
        self.batch = batch
        self.optimizer = optimizer
        self.seed = seed
        self.l2 = l2
    }
}

/// Scaled training and test rows, ready for the network.
public struct TrainingData: Sendable {
    public var xTrain: [Double], yTrain: [Double]
    public var xTest: [Double], yTest: [Double]
    public let features: Int

    public init(xTrain: [Double], yTrain: [Double], xTest: [Double], yTest: [Double], features: Int) {
        self.xTrain = xTrain; self.yTrain = yTrain
        self.xTest = xTest; self.yTest = yTest
        self.features = features
    }
}

public enum StopReason: Equatable, Sendable {
    case finished
    /// Stopped by the caller (Ctrl-C) before this epoch; the model keeps what it learned.
    case interrupted(epoch: Int)
    /// The loss stopped being finite in this epoch; the weights are those from before it.
    case diverged(epoch: Int)
}

/// Everything that carries over from one `train` to a `train continue`.
public struct TrainingRun: Sendable {
    public var network: Network
    public var optimizer: any Optimizer
    /// The shuffle stream: it goes on where the last epoch left it.
    public var rng: RandomState
    public var config: TrainConfig
    public var history = History()

    /// A fresh run: Glorot weights, then the batch shuffles, all from `config.seed`.
    public init(network: Network, config: TrainConfig) {
        var rng = RandomState(seed: config.seed)
        var net = network
        net.initialize(using: &rng)
        self.network = net
        self.rng = rng
        self.config = config
        self.optimizer = config.optimizer.make(learningRate: config.learningRate, parameterCount: net.parameters.count)
    }

    /// Trains `epochs` more epochs, measuring both splits after each one.
    /// `shouldStop` is asked before every epoch; `onEpoch` sees each record.
    @discardableResult
    public mutating func train(_ data: TrainingData, epochs: Int, shouldStop: () -> Bool = { false },
                               onEpoch: (EpochRecord) -> Void = { _ in }) -> StopReason {
        let nTrain = data.yTrain.count, d = data.features
        let batch = max(1, min(config.batch, nTrain))
        let count = network.parameters.count
        let ws = Network.Workspace(network, capacity: max(nTrain, data.yTest.count, 1))
        var order = Array(0..<nTrain)
        var xb = [Double](repeating: 0, count: batch * d), yb = [Double](repeating: 0, count: batch)
        let kernels = network.layers.map { ($0.offset, $0.inputs * $0.outputs) }
        let startEpoch = history.records.count
        let net = network
        var optimizer = self.optimizer
        defer { self.optimizer = optimizer }

        for e in 0..<epochs {
            if shouldStop() { return .interrupted(epoch: startEpoch + e + 1) }
            let snapshot = network.parameters
            // A fresh permutation each epoch (as `rng.permutation(n)`), so `continue` picks up exactly.
            for i in 0..<nTrain { order[i] = i }
            rng.shuffle(&order)
            var normSum = 0.0, batches = 0, finite = true
            network.parameters.withUnsafeMutableBufferPointer { pb in
                let p = pb.baseAddress!
                var start = 0
                while start < nTrain {
                    let n = min(batch, nTrain - start)
                    for r in 0..<n {
                        let src = order[start + r]
                        for j in 0..<d { xb[r * d + j] = data.xTrain[src * d + j] }
                        yb[r] = data.yTrain[src]
                    }
                    let loss = net.lossAndGradient(p, xb, yb, n, ws)
                    if config.l2 > 0 {
                        for (offset, size) in kernels {
                            for k in offset..<(offset + size) { ws.grad[k] += 2 * config.l2 * p[k] }
                        }
                    }
                    var norm = 0.0
                    for k in 0..<count { norm += ws.grad[k] * ws.grad[k] }
                    if !loss.isFinite || !norm.isFinite { finite = false; break }
                    normSum += norm.squareRoot(); batches += 1
                    optimizer.step(p, ws.grad, count)
                    start += n
                }
            }
            var record = measure(data, ws: ws)
            record.epoch = startEpoch + e + 1
            record.gradientNorm = batches > 0 ? normSum / Double(batches) : 0
            if !finite || !record.trainLoss.isFinite || !record.testLoss.isFinite
                || network.parameters.contains(where: { !$0.isFinite }) {
                network.parameters = snapshot
                return .diverged(epoch: startEpoch + e + 1)
            }
            history.records.append(record)
            onEpoch(record)
        }
        return .finished
    }

    /// Loss and accuracy on both splits, and the share of dead ReLU units on train.
    private func measure(_ data: TrainingData, ws: Network.Workspace) -> EpochRecord {
        var record = EpochRecord(epoch: 0, trainLoss: 0, trainAccuracy: 0, testLoss: 0, testAccuracy: 0,
                                 gradientNorm: 0, deadFraction: 0)
        let last = network.layers.count - 1
        network.parameters.withUnsafeBufferPointer { pb in
            let p = pb.baseAddress!
            for (x, y, isTrain) in [(data.xTrain, data.yTrain, true), (data.xTest, data.yTest, false)] where !y.isEmpty {
                network.forward(p, x, y.count, ws)
                let ev = Evaluation(logits: Array(UnsafeBufferPointer(start: ws.a[last], count: y.count)), labels: y)
                if isTrain {
                    record.trainLoss = ev.loss; record.trainAccuracy = ev.accuracy
                    record.deadFraction = deadFraction(ws: ws, n: y.count)
                } else {
                    record.testLoss = ev.loss; record.testAccuracy = ev.accuracy
                }
            }
        }
        return record
    }

    private func deadFraction(ws: Network.Workspace, n: Int) -> Double {
        var units = 0, dead = 0
        for (l, layer) in network.hidden.enumerated() where layer.activation == .relu {
            let z = ws.z[l]
            for o in 0..<layer.outputs {
                units += 1
                if !(0..<n).contains(where: { z[$0 * layer.outputs + o] > 0 }) { dead += 1 }
            }
        }
        return units == 0 ? 0 : Double(dead) / Double(units)
    }
}
