/// Accuracy, loss, confusion and recall of a network on some rows. A point is
/// predicted as class 1 when its probability is above 0.5 (logit > 0), as Keras does.
public struct Evaluation: Equatable, Codable, Sendable {
    public var n: Int
    public var accuracy: Double
    public var loss: Double
    /// `confusion[actual][predicted]`.
    public var confusion: [[Int]]

    /// Recall of each class, nil for a class with no points.
    public var recall: [Double?] {
        (0..<2).map { c in
            let total = confusion[c][0] + confusion[c][1]
            return total == 0 ? nil : Double(confusion[c][c]) / Double(total)
        }
    }

    public init(logits: [Double], labels: [Double]) {
        n = labels.count
        var confusion = [[0, 0], [0, 0]]
        var loss = 0.0
        for (z, y) in zip(logits, labels) {
            loss += BinaryCrossEntropy.loss(logit: z, label: y)
            confusion[Int(y)][z > 0 ? 1 : 0] += 1
        }
        self.confusion = confusion
        self.loss = n == 0 ? 0 : loss / Double(n)
        self.accuracy = n == 0 ? 0 : Double(confusion[0][0] + confusion[1][1]) / Double(n)
    }

    public init(network: Network, x: [Double], y: [Double]) {
        self.init(logits: network.logits(x), labels: y)
    }
}
