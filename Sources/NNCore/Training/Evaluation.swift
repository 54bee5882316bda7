#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Accuracy, loss, confusion, precision and recall of a network on some rows. The predicted class is
/// the one with the largest probability: for two classes class 1 when its probability is above 0.5
/// (logit > 0), as Keras does; for k classes the largest logit (the first of equal ones).
public struct Evaluation: Equatable, Codable, Sendable {
    public var n: Int
    public var accuracy: Double
    public var loss: Double
    /// `confusion[actual][predicted]`, k × k.
    public var confusion: [[Int]]

    public var classes: Int { confusion.count }

    /// Recall of each class (its points predicted as it), nil for a class with no points.
    public var recall: [Double?] {
        (0..<classes).map { c in
            let total = confusion[c].reduce(0, +)
            return total == 0 ? nil : Double(confusion[c][c]) / Double(total)
        }
    }

    /// Precision of each class (the points predicted as it that are it), nil for a class never predicted.
    public var precision: [Double?] {
        (0..<classes).map { c in
            let total = confusion.reduce(0) { $0 + $1[c] }
            return total == 0 ? nil : Double(confusion[c][c]) / Double(total)
        }
    }

    /// Points predicted right.
    public var correct: Int { (0..<classes).reduce(0) { $0 + confusion[$1][$1] } }

    /// The two classes mixed up most often (in either direction), with how many points they lose and the
    /// lower class first; the lowest pair on ties; nil without errors.
    public var mostConfusedPair: (first: Int, second: Int, errors: Int)? {
        var best: (first: Int, second: Int, errors: Int)?
        for i in 0..<classes {
            for j in (i + 1)..<classes {
                let errors = confusion[i][j] + confusion[j][i]
                if errors > (best?.errors ?? 0) { best = (i, j, errors) }
            }
        }
        return best
    }

    /// The loss of guessing: the same probability for each of `k` classes gives log k.
    public static func chanceLoss(classes k: Int) -> Double { log(Double(max(k, 2))) }

    /// `logits` as `Network.logits` gives them: one per row for two classes, else `classes` per row.
    public init(logits: [Double], labels: [Double], classes: Int = 2) {
        n = labels.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        var loss = 0.0
        if classes > 2 {
            precondition(logits.count == n * classes, "k logits per row")
            logits.withUnsafeBufferPointer { z in
                for (r, y) in labels.enumerated() {
                    let row = z.baseAddress! + r * classes
                    loss += SoftmaxCrossEntropy.loss(logits: row, classes: classes, label: Int(y))
                    confusion[Int(y)][SoftmaxCrossEntropy.predicted(logits: row, classes: classes)] += 1
                }
            }
        } else {
            for (z, y) in zip(logits, labels) {
                loss += BinaryCrossEntropy.loss(logit: z, label: y)
                confusion[Int(y)][z > 0 ? 1 : 0] += 1
            }
        }
        self.confusion = confusion
        self.loss = n == 0 ? 0 : loss / Double(n)
        self.accuracy = n == 0 ? 0 : Double((0..<classes).reduce(0) { $0 + confusion[$1][$1] }) / Double(n)
    }

    /// Several evaluations added up (the seeds of one setting): counts summed, loss the mean over all their points.
    public init(adding parts: [Evaluation]) {
        precondition(!parts.isEmpty && Set(parts.map(\.classes)).count == 1, "evaluations of the same classes")
        let k = parts[0].classes
        let confusion = (0..<k).map { a in (0..<k).map { p in parts.reduce(0) { $0 + $1.confusion[a][p] } } }
        let n = parts.reduce(0) { $0 + $1.n }
        self.confusion = confusion
        self.n = n
        loss = n == 0 ? 0 : parts.reduce(0) { $0 + $1.loss * Double($1.n) } / Double(n)
        accuracy = n == 0 ? 0 : Double((0..<k).reduce(0) { $0 + confusion[$1][$1] }) / Double(n)
    }

    public init(network: Network, x: [Double], y: [Double]) {
        self.init(logits: network.logits(x), labels: y, classes: network.classes)
    }

    /// The same, measured a slice of rows at a time; nil when `shouldStop` says so between two slices (Ctrl-C).
    public init?(network: Network, x: [Double], y: [Double], shouldStop: () -> Bool) {
        guard let logits = network.logits(x, shouldStop: shouldStop) else { return nil }
        self.init(logits: logits, labels: y, classes: network.classes)
    }
}
