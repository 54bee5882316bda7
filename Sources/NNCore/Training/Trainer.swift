#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings of one `train` command; the defaults are Keras'.
public struct TrainConfig: Equatable, Codable, Sendable {
    public var learningRate = 0.001
    public var epochs = 500
    public var batch = 32
    public var optimizer = OptimizerKind.adam
    public var seed: UInt32 = 0
    public var l2 = 0.0
    /// Keras `regularizers.L1L2(l1=)`: adds l1·Σ|w| over the kernels to the loss.
    public var l1 = 0.0
    /// The learning rate is multiplied by this after every epoch (Keras `ExponentialDecay` with one
    /// epoch's steps and `staircase=True`): epoch e (from 0) trains at lr·decayᵉ.
    public var lrDecay = 1.0
    /// Early stopping (Keras `EarlyStopping(patience=, restore_best_weights=True)` on the validation
    /// loss) when above 0: training stops once that many epochs in a row bring no lower validation
    /// loss, and keeps the weights of the epoch with the lowest.
    public var patience = 0
    /// The share of the training rows held out for early stopping: the last ones, as Keras'
    /// `validation_split` takes them. Never the test rows.
    public var validation = 0.2
    /// How much each training row's loss counts, by its class.
    public var classWeight = ClassWeight.none

    public init(learningRate: Double = 0.001, epochs: Int = 500, batch: Int = 32,
                optimizer: OptimizerKind = .adam, seed: UInt32 = 0, l2: Double = 0, classWeight: ClassWeight = .none) {
        self.learningRate = learningRate
        self.epochs = epochs
        self.batch = batch
        self.optimizer = optimizer
        self.seed = seed
        self.l2 = l2
        self.classWeight = classWeight
    }

    /// The training rows that train and those that measure early stopping, out of `rows`: the first
    /// ⌊rows·(1 − validation)⌋ train (Keras' split); without early stopping all of them do.
    public func fitRows(of rows: Int) -> Int {
        patience > 0 ? Int((Double(rows) * (1 - validation)).rounded(.down)) : rows
    }

    private enum CodingKeys: String, CodingKey {
        case learningRate, epochs, batch, optimizer, seed, l2, l1, lrDecay, patience, validation, classWeight
    }

    /// Files saved before the later settings existed read them at their defaults; a setting at its
    /// default is not written, so such a file is written as it always was.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(learningRate: try c.decode(Double.self, forKey: .learningRate), epochs: try c.decode(Int.self, forKey: .epochs),
                  batch: try c.decode(Int.self, forKey: .batch), optimizer: try c.decode(OptimizerKind.self, forKey: .optimizer),
                  seed: try c.decode(UInt32.self, forKey: .seed), l2: try c.decode(Double.self, forKey: .l2))
        l1 = try c.decodeIfPresent(Double.self, forKey: .l1) ?? l1
        lrDecay = try c.decodeIfPresent(Double.self, forKey: .lrDecay) ?? lrDecay
        patience = try c.decodeIfPresent(Int.self, forKey: .patience) ?? patience
        validation = try c.decodeIfPresent(Double.self, forKey: .validation) ?? validation
        classWeight = try c.decodeIfPresent(ClassWeight.self, forKey: .classWeight) ?? classWeight
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(batch, forKey: .batch)
        try c.encode(optimizer, forKey: .optimizer)
        try c.encode(seed, forKey: .seed)
        try c.encode(l2, forKey: .l2)
        let defaults = TrainConfig()
        if l1 != defaults.l1 { try c.encode(l1, forKey: .l1) }
        if lrDecay != defaults.lrDecay { try c.encode(lrDecay, forKey: .lrDecay) }
        if patience != defaults.patience { try c.encode(patience, forKey: .patience) }
        if validation != defaults.validation { try c.encode(validation, forKey: .validation) }
        if classWeight != defaults.classWeight { try c.encode(classWeight, forKey: .classWeight) }
    }
}

/// `class_weight=`: every row counts once, or each class as much as the others in total.
public enum ClassWeight: String, CaseIterable, Codable, Sendable {
    case none
    /// n / (k · count of the class) for the k classes present, as scikit-learn's
    /// `compute_class_weight('balanced')` gives and Keras' `class_weight` applies: the loss of a batch is
    /// the mean of each row's loss times its class's weight.
    case balanced

    /// The weight of each class present in `labels`, by label value, in ascending order of label.
    public func weights(_ labels: [Double]) -> [(label: Double, weight: Double)] {
        var counts: [Double: Int] = [:]
        for y in labels { counts[y, default: 0] += 1 }
        let k = Double(counts.count), n = Double(labels.count)
        return counts.keys.sorted().map { ($0, self == .none ? 1 : n / (k * Double(counts[$0]!))) }
    }

    /// The weight of each row of `labels`; nil when every row counts once.
    func rowWeights(_ labels: [Double]) -> [Double]? {
        guard self != .none else { return nil }
        let byLabel = Dictionary(uniqueKeysWithValues: weights(labels).map { ($0.label, $0.weight) })
        return labels.map { byLabel[$0]! }
    }
}

/// Scaled training and test rows, ready for the network.
public struct TrainingData: Sendable {
    public var xTrain: [Double], yTrain: [Double]
    public var xTest: [Double], yTest: [Double]
    public let features: Int
    /// Labels lie in `0..<classes`.
    public let classes: Int

    public init(xTrain: [Double], yTrain: [Double], xTest: [Double], yTest: [Double], features: Int, classes: Int = 2) {
        self.xTrain = xTrain; self.yTrain = yTrain
        self.xTest = xTest; self.yTest = yTest
        self.features = features
        self.classes = classes
    }
}

public enum StopReason: Equatable, Sendable {
    case finished
    /// Stopped by the caller (Ctrl-C) before this epoch; the model keeps what it learned.
    case interrupted(epoch: Int)
    /// The loss stopped being finite in this epoch; the weights are those from before it.
    case diverged(epoch: Int)
    /// Early stopping trained up to epoch `trained` (before the epochs asked for when `patience` epochs
    /// in a row brought no lower validation loss) and went back to the weights, and the history, of
    /// epoch `kept`, the one with the lowest validation loss.
    case keptBest(trained: Int, kept: Int)
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
    /// `shouldStop` is asked before every mini-batch and between the passes that measure an epoch, so that
    /// Ctrl-C is seen within a fraction of a second; an epoch it cuts short is undone (the weights go back
    /// to where that epoch began, as after a divergence), so the model keeps exactly its finished epochs.
    /// `onEpoch` sees each record.
    ///
    /// The epoch loop allocates nothing: the parameters are trained in a buffer of their
    /// own (written back on every way out), and the mini-batch, the snapshot taken before
    /// each epoch and the layer values live in buffers made once per call.
    @discardableResult
    public mutating func train(_ data: TrainingData, epochs: Int, shouldStop: () -> Bool = { false },
                               onEpoch: (EpochRecord) -> Void = { _ in }) -> StopReason {
        precondition(data.classes == network.classes, "the network's head must have a unit per class of the data")
        let rows = data.yTrain.count, nTest = data.yTest.count, d = data.features
        // With early stopping the last training rows only measure (`fitRows`); the others train.
        let nTrain = config.fitRows(of: rows), nValidation = rows - nTrain
        let early = nValidation > 0 && nTrain > 0
        let batch = max(1, min(config.batch, nTrain))
        let count = network.parameters.count
        let net = network
        let ws = Network.Workspace(net, capacity: max(rows, nTest, 1))
        // Measuring passes long enough go to several threads, each part of a pass in a workspace of its own.
        let passRows = min(Self.measuredRows(count), max(rows, nTest, 1))
        let parts = Self.measuringParts(rows: passRows, parameters: count)
        let measuring = [ws] + (1..<parts).map { _ in Network.Workspace(net, capacity: passRows / parts + 1) }
        let buffers = Buffers(count: count, batch: batch, features: d, data: data,
                              units: network.layers.dropLast().reduce(0) { $0 + $1.outputs },
                              // Weighted by the classes' counts on all the training rows, validation rows too (as
                              // scikit-learn's weights computed on y_train and passed to Keras' fit).
                              weights: config.classWeight.rowWeights(data.yTrain), parts: parts)
        let p = buffers.parameters
        network.parameters.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: count) }
        defer { network.parameters.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: p, count: count) } }
        var order = Array(0..<nTrain)
        let kernels = network.layers.map { ($0.offset, $0.inputs * $0.outputs) }
        let startEpoch = history.records.count
        let l2 = config.l2, l1 = config.l1
        let dropout = net.hasDropout, batchNorm = net.hasBatchNorm
        let best: UnsafeMutablePointer<Double>? = early ? .allocate(capacity: max(count, 1)) : nil
        defer { best?.deallocate() }
        var bestLoss = Double.infinity, bestEpoch = 0, wait = 0
        // Logits this small keep the summed loss of a mini-batch far from overflow (below
        // 1e300 whatever the labels), so the batch loss is finite without being summed.
        var largestLabel = 0.0
        for label in data.yTrain where !(abs(label) <= largestLabel) { largestLabel = abs(label) }
        let logitBound = largestLabel.isFinite ? 1e300 / (Double(batch) * (1 + largestLabel)) : -1
        var optimizer = self.optimizer
        defer { self.optimizer = optimizer }

        for e in 0..<epochs {
            if shouldStop() { return .interrupted(epoch: startEpoch + e + 1) }
            if config.lrDecay != 1 { optimizer.learningRate = config.learningRate * pow(config.lrDecay, Double(startEpoch + e)) }
            buffers.snapshot.update(from: p, count: count)
            // A fresh permutation each epoch (as `rng.permutation(n)`), so `continue` picks up exactly.
            order.withUnsafeMutableBufferPointer { for i in 0..<nTrain { $0[i] = i } }
            rng.shuffle(&order)
            var normSum = 0.0, batches = 0, finite = true
            var start = 0
            while start < nTrain {
                if start > 0, shouldStop() {
                    p.update(from: buffers.snapshot, count: count)
                    return .interrupted(epoch: startEpoch + e + 1)
                }
                let n = min(batch, nTrain - start)
                buffers.gather(order, from: start, rows: n)
                if dropout { net.drawMasks(n, ws, using: &rng) }
                let bounded = net.gradient(p, buffers.xBatch, buffers.yBatch, n, ws, bound: logitBound,
                                           weights: buffers.wBatch.map { UnsafePointer($0) })
                let lossFinite = bounded == n || net.summedLoss(buffers.yBatch, n, ws).isFinite
                let g = ws.grad
                if l2 > 0 {
                    for (offset, size) in kernels {
                        for k in offset..<(offset + size) { g[k] += 2 * l2 * p[k] }
                    }
                }
                if l1 > 0 {
                    for (offset, size) in kernels {
                        for k in offset..<(offset + size) { g[k] += p[k] > 0 ? l1 : p[k] < 0 ? -l1 : 0 }
                    }
                }
                let norm = squaredNorm(g, count)
                if !lossFinite || !norm.isFinite { finite = false; break }
                normSum += norm.squareRoot(); batches += 1
                if batchNorm { net.updateRunningStatistics(p, ws) }
                optimizer.step(p, g, count)
                start += n
            }
            guard var record = measure(p, buffers, ws: measuring, nTrain: nTrain, nTest: nTest, shouldStop: shouldStop) else {
                p.update(from: buffers.snapshot, count: count)
                return .interrupted(epoch: startEpoch + e + 1)
            }
            record.epoch = startEpoch + e + 1
            record.gradientNorm = batches > 0 ? normSum / Double(batches) : 0
            var validationLoss = 0.0
            if early {
                guard !shouldStop(), let v = evaluate(p, buffers.xTrain + nTrain * d, buffers.yTrain + nTrain, nValidation, measuring,
                                                      rows: Self.measuredRows(count), buffers: buffers, largest: false,
                                                      shouldStop: shouldStop) else {
                    p.update(from: buffers.snapshot, count: count)
                    return .interrupted(epoch: startEpoch + e + 1)
                }
                validationLoss = v.loss
            }
            if !finite || !record.trainLoss.isFinite || !record.testLoss.isFinite || !validationLoss.isFinite
                || (0..<count).contains(where: { !p[$0].isFinite }) {
                p.update(from: buffers.snapshot, count: count)
                return .diverged(epoch: startEpoch + e + 1)
            }
            history.records.append(record)
            onEpoch(record)
            // Keras' EarlyStopping: a lower validation loss is kept and resets the wait; `patience`
            // epochs without one stop training (never after the first epoch).
            if let best {
                wait += 1
                if validationLoss < bestLoss {
                    (bestLoss, bestEpoch, wait) = (validationLoss, record.epoch, 0)
                    best.update(from: p, count: count)
                } else if wait >= config.patience && e > 0 {
                    break
                }
            }
        }
        guard let best, bestEpoch > 0 else { return .finished }
        let trained = history.records.count
        p.update(from: best, count: count)
        history.records.removeLast(trained - bestEpoch)
        return .keptBest(trained: trained, kept: bestEpoch)
    }

    /// Rows per measuring pass for a model of `parameters` weights (`measuredWork`).
    static func measuredRows(_ parameters: Int) -> Int { max(1, measuredWork / max(parameters, 1)) }

    /// Rows measured per forward pass: about 2e7 multiply-adds (hundredths of a second), so that Ctrl-C is
    /// seen between passes even on the widest models; the post's models measure each split in one pass.
    static let measuredWork = 20_000_000

    /// Threads for measuring passes of `rows` rows: several (`Threads.count`, at most one a row) where a pass
    /// holds at least `threadWork` multiply-adds, else one (the post's models: a thread costs more than it saves).
    static func measuringParts(rows: Int, parameters: Int) -> Int {
        rows * parameters >= threadWork ? max(1, min(Threads.count, rows)) : 1
    }

    /// About 2^20 multiply-adds, a tenth of a millisecond or more of measuring, well above what handing a part
    /// to another thread costs (microseconds).
    static let threadWork = 1 << 20

    /// Loss and accuracy on both splits, and the share of dead ReLU units on train; nil when `shouldStop`
    /// says so between two passes.
    private func measure(_ p: UnsafePointer<Double>, _ buffers: Buffers, ws: [Network.Workspace],
                         nTrain: Int, nTest: Int, shouldStop: () -> Bool) -> EpochRecord? {
        var record = EpochRecord(epoch: 0, trainLoss: 0, trainAccuracy: 0, testLoss: 0, testAccuracy: 0,
                                 gradientNorm: 0, deadFraction: 0)
        let rows = Self.measuredRows(network.parameters.count)
        if nTrain > 0 {
            guard let train = evaluate(p, buffers.xTrain, buffers.yTrain, nTrain, ws, rows: rows, buffers: buffers,
                                       largest: true, shouldStop: shouldStop) else { return nil }
            (record.trainLoss, record.trainAccuracy) = train
            record.deadFraction = deadFraction(largest: buffers.largest)
        }
        if nTest > 0 {
            if nTrain > 0, shouldStop() { return nil }
            guard let test = evaluate(p, buffers.xTest, buffers.yTest, nTest, ws, rows: rows, buffers: buffers,
                                      largest: false, shouldStop: shouldStop) else { return nil }
            (record.testLoss, record.testAccuracy) = test
        }
        return record
    }

    /// What `Evaluation(logits:labels:)` reports as loss and accuracy, without its arrays, `rows` rows a pass
    /// (each row's logit and the running sums come out the same whatever the passes). A pass long enough
    /// goes to the workspaces `ws` in contiguous parts, a thread each (`measuringParts`); the rows' losses are
    /// summed in row order after them, so the parts change no bit. With `largest`, keeps in `buffers.largest`
    /// each hidden unit's largest `z` over the rows. nil when `shouldStop` says so between two passes.
    @inline(__always)
    private func evaluate(_ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                          _ n: Int, _ ws: [Network.Workspace], rows: Int, buffers: Buffers,
                          largest: Bool, shouldStop: () -> Bool) -> (loss: Double, accuracy: Double)? {
        let d = buffers.features, units = buffers.units, correct = buffers.correct
        var loss = 0.0, right = 0, start = 0
        if largest { buffers.largest.update(repeating: -.infinity, count: units * ws.count) }
        while start < n {
            if start > 0, shouldStop() { return nil }
            let m = min(rows, n - start)
            let parts = min(ws.count, Self.measuringParts(rows: m, parameters: network.parameters.count))
            Threads.run(parts) { part in
                let range = Threads.range(part, of: parts, rows: m), w = ws[part]
                network.forward(p, x + (start + range.lowerBound) * d, range.count, w)
                correct[part] = network.rowLosses(y + start + range.lowerBound, range.count, w)
                guard largest else { return }
                var unit = 0
                for (l, layer) in network.layers.dropLast().enumerated() {
                    runningMax(w.z[l], rows: range.count, width: layer.outputs, into: buffers.largest + part * units + unit)
                    unit += layer.outputs
                }
            }
            for part in 0..<parts {
                let losses = ws[part].delta[0]
                for r in 0..<Threads.range(part, of: parts, rows: m).count { loss += losses[r] }
                right += correct[part]
            }
            start += m
        }
        // Each part's maxima into the first's, as `runningMax` takes them (z where z ≥ top).
        if largest {
            for part in 1..<ws.count {
                let top = buffers.largest, other = buffers.largest + part * units
                for o in 0..<units { top[o] = Swift.max(top[o], other[o]) }
            }
        }
        return (loss / Double(n), Double(right) / Double(n))
    }

    /// The share of ReLU units positive on no training row.
    private func deadFraction(largest: UnsafeMutablePointer<Double>) -> Double {
        var units = 0, dead = 0, unit = 0
        for layer in network.layers.dropLast() {
            if layer.activation == .relu {
                for o in 0..<layer.outputs where !(largest[unit + o] > 0) { dead += 1 }
                units += layer.outputs
            }
            unit += layer.outputs
        }
        return units == 0 ? 0 : Double(dead) / Double(units)
    }
}

/// The raw buffers of one `train` call: the parameters being trained and their copy from
/// before the epoch, both splits, and one mini-batch.
private final class Buffers {
    let parameters: UnsafeMutablePointer<Double>
    let snapshot: UnsafeMutablePointer<Double>
    let xTrain: UnsafeMutablePointer<Double>, yTrain: UnsafeMutablePointer<Double>
    let xTest: UnsafeMutablePointer<Double>, yTest: UnsafeMutablePointer<Double>
    let xBatch: UnsafeMutablePointer<Double>, yBatch: UnsafeMutablePointer<Double>
    /// Each training row's weight and the mini-batch's, when the classes are weighted.
    let wTrain: UnsafeMutablePointer<Double>?, wBatch: UnsafeMutablePointer<Double>?
    let features: Int
    /// Each hidden unit's largest `z` over the training rows in this epoch's measurement (alive: above 0),
    /// then one such row of `units` per other measuring thread.
    let largest: UnsafeMutablePointer<Double>
    let units: Int
    /// Rows predicted right by each measuring thread in a pass.
    let correct: UnsafeMutablePointer<Int>

    init(count: Int, batch: Int, features d: Int, data: TrainingData, units: Int, weights: [Double]?, parts: Int) {
        func copy(_ a: [Double]) -> UnsafeMutablePointer<Double> {
            let b = UnsafeMutablePointer<Double>.allocate(capacity: max(a.count, 1))
            a.withUnsafeBufferPointer { if let base = $0.baseAddress { b.initialize(from: base, count: a.count) } }
            return b
        }
        parameters = .allocate(capacity: max(count, 1))
        snapshot = .allocate(capacity: max(count, 1))
        xTrain = copy(data.xTrain); yTrain = copy(data.yTrain)
        xTest = copy(data.xTest); yTest = copy(data.yTest)
        xBatch = .allocate(capacity: batch * d)
        yBatch = .allocate(capacity: batch)
        wTrain = weights.map(copy)
        wBatch = weights.map { _ in .allocate(capacity: batch) }
        features = d
        self.units = units
        largest = .allocate(capacity: max(units * parts, 1))
        correct = .allocate(capacity: parts)
    }

    /// Copies the training rows `order[start..<start+n]` into the mini-batch.
    @inline(__always)
    func gather(_ order: [Int], from start: Int, rows n: Int) {
        let d = features
        order.withUnsafeBufferPointer { order in
            for r in 0..<n {
                let src = order[start + r]
                for j in 0..<d { xBatch[r * d + j] = xTrain[src * d + j] }
                yBatch[r] = yTrain[src]
                if let wTrain, let wBatch { wBatch[r] = wTrain[src] }
            }
        }
    }

    deinit {
        [parameters, snapshot, xTrain, yTrain, xTest, yTest, xBatch, yBatch, largest].forEach { $0.deallocate() }
        wTrain?.deallocate()
        correct.deallocate()
        wBatch?.deallocate()
    }
}

/// top[o] = max(top[o], z[r][o]) over the `rows` rows of z (`rows × width`), as `Swift.max` takes
/// it (z where z ≥ top), eight units at a time: a running maximum rather than a flag set where
/// z > 0, so no branch to mispredict (the flag took about a third of Example 2's measuring), and
/// in lanes (one value at a time, it was 13 instructions a value and 17% of Example 2's epoch).
@inline(__always)
private func runningMax(_ z: UnsafePointer<Double>, rows: Int, width: Int, into top: UnsafeMutablePointer<Double>) {
    let wide = width - width % Lanes.scalarCount
    var o = 0
    while o < wide {
        var t = Lanes.load(top + o)
        for r in 0..<rows {
            let v = Lanes.load(z + r * width + o)
            t.replace(with: v, where: v .>= t)
        }
        t.store(to: top + o)
        o += Lanes.scalarCount
    }
    while o < width {
        var t = top[o]
        for r in 0..<rows { t = Swift.max(t, z[r * width + o]) }
        top[o] = t
        o += 1
    }
}

/// Σ g[k]², eight running sums (one per lane of `Lanes`, whatever the CPU) added lane by lane at the
/// end, then the tail: a fixed order, so the same bits everywhere, at a vector's speed instead of one
/// serially dependent add per parameter (about 8% of an epoch on 256-wide models).
@inline(__always)
private func squaredNorm(_ g: UnsafePointer<Double>, _ count: Int) -> Double {
    let wide = count - count % Lanes.scalarCount
    var lanes = Lanes(repeating: 0), k = 0
    while k < wide {
        let v = Lanes.load(g + k)
        lanes += v * v
        k += Lanes.scalarCount
    }
    var norm = 0.0
    for j in 0..<Lanes.scalarCount { norm += lanes[j] }
    while k < count { norm += g[k] * g[k]; k += 1 }
    return norm
}
