import NNCore

/// The training loss goes up and down instead of settling: steps too large for the valley they are in.
/// AUTOTRAINER's rule: peak-to-trough swings of at least 0.03 in at least 20% of the recent epochs.
public struct OscillatingLoss: Analyzer {
    /// AUTOTRAINER's swing size.
    static let swing = 0.03
    /// Below a loss of about 0.06 a 0.03 swing is half the level, so a relative rule takes over:
    /// a rise by half of the trough (but at least 0.005, far above rounding and batch noise) also counts.
    static let relativeSwing = 0.5, smallestSwing = 0.005
    /// Swings in at least this share of the window's epochs. A swing needs a fall and a rise,
    /// so a loss that zigzags every epoch scores 50%; healthy runs score 0.
    static let share = 0.2
    /// The decay suggested with the smaller rate: 0.99 an epoch leaves 0.13 of the rate after 200 epochs,
    /// 0.007 after 500, so the last fifth of a run steps far more gently.
    static let decay = 0.99

    public init() {}
    public var ids: [String] { ["oscillating-loss"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let losses = context.run.history.records.map(\.trainLoss)
        let (swings, k) = Self.sharpSwings(losses)
        guard k > 0, Double(swings.count) >= Self.share * Double(k), let largest = swings.max(by: { $0.rise < $1.rise }) else {
            return []
        }
        let first = losses.count - k + 1
        return [Finding(
            id: "oscillating-loss", severity: .problem,
            headline: "the training loss keeps jumping up and down instead of settling",
            evidence: [
                Evidence("swings", Double(swings.count),
                         "the loss rose sharply \(swings.count) times in epochs \(first)–\(losses.count)"),
                Evidence("largest_swing", largest.rise,
                         "the largest rise was \(Format.number(largest.rise)), from \(Format.number(largest.trough)) "
                         + "to \(Format.number(largest.trough + largest.rise))"),
                context.learningRateEvidence,
            ],
            why: "Each step jumps past the low point of the loss and lands higher on the other side, "
                + "so training never settles. A smaller learning rate takes steps that fit the valley; letting it decay "
                + "every epoch starts fast and ends gently.",
            fixes: [.learningRate(context.settings, times: 0.1)]
                + (context.settings.lrDecay == 1 ? [.train(context.settings) { $0.lrDecay = Self.decay }] : []),
            measure: .swings)]
    }

    /// The sharp rises in the last fifth of a run (at least 10 epochs: how it behaves now, not while it warmed up),
    /// and that window's length (0 for a shorter run).
    static func sharpSwings(_ losses: [Double]) -> (swings: [(trough: Double, rise: Double)], window: Int) {
        let k = max(10, losses.count / 5)
        guard losses.count >= k else { return ([], 0) }
        let swings = Self.swings(Array(losses.suffix(k))).filter {
            $0.rise >= Self.swing || ($0.rise >= Self.smallestSwing && $0.rise >= Self.relativeSwing * $0.trough)
        }
        return (swings, k)
    }

    /// Every rise from a trough to the next peak, with the trough's level.
    static func swings(_ losses: [Double]) -> [(trough: Double, rise: Double)] {
        var trough = 0, found: [(trough: Double, rise: Double)] = []
        for i in 1..<losses.count {
            if losses[i] <= losses[i - 1] { trough = i; continue }
            if i == losses.count - 1 || losses[i + 1] <= losses[i] {
                found.append((losses[trough], losses[i] - losses[trough]))
            }
        }
        return found
    }
}
