import NNCore

/// Where the training loss was heading over the last tenth of the run (at least 5 epochs):
/// a least-squares line, so that one noisy epoch at either end does not decide.
struct LossTrend {
    /// Still falling: the fitted fall is at least three standard errors of the fitted slope (a zigzag is not
    /// a fall), carries at least 5% of the run's whole descent (a steady fall carries 10%, a plateau next to
    /// nothing), and at its pace the further training not-converged suggests would take at least 5% off the
    /// loss. No minimum drop per window: Adam at lr 0.0001 on circles falls only 0.39% in epochs 91–100, but
    /// 362 standard errors strong, 7% of its descent, and 500 epochs more at that pace take 22% off.
    /// Measured on circles: a line, or a dead-ReLU plateau at 0.26, carry under 1% of their descent (a line
    /// is level to 1e-6); a run stopped after 20 epochs 15%. Healthy runs on separable data keep falling
    /// about 20% per tenth but carry under 2% of their descent; "falling" never fires a finding alone.
    static let significance = 3.0, minimumShare = 0.05, minimumProjected = 0.05
    /// Below this drop over the window the evidence says how steady the fall is and where its pace leads.
    static let smallDrop = 0.005
    /// Rising: the fitted loss climbs by 2% of its level or more over the window.
    static let rising = 0.02
    /// Settled: the epochs scatter around the line by at most 5% of its level (a plateau with batch
    /// noise scatters 1–2%, a loss jumping with too large steps 30% and more).
    static let settled = 0.05

    /// The further training not-converged suggests after `epochs`: three times as long again, and at least
    /// Keras' default 500 epochs more for a run stopped early.
    static func furtherEpochs(after epochs: Int) -> Int { max(3 * epochs, 500) }

    let firstEpoch: Int, lastEpoch: Int
    /// The highest loss up to the window's first epoch (the loss after epoch 1 unless it rose first), its epoch, and
    /// the fitted loss at the window's ends. The descent is measured from that peak: a run whose loss first climbed
    /// above its epoch-1 level (sgd at a large step) fell further in its last tenth than since epoch 1, "102% of its fall".
    let peak: Double, peakEpoch: Int, start: Double, end: Double
    /// The standard error of the fitted drop over the window, and the epochs' scatter around the line.
    let dropError: Double, scatter: Double
    /// The epochs of further training the pace is projected over.
    let further: Int

    init?(_ losses: [Double]) {
        guard losses.count >= 3 else { return nil }
        let k = min(losses.count, max(5, losses.count / 10))
        let window = Array(losses.suffix(k))
        let meanX = Double(k - 1) / 2, meanY = window.reduce(0, +) / Double(k)
        var sxy = 0.0, sxx = 0.0
        for (i, y) in window.enumerated() {
            sxy += (Double(i) - meanX) * (y - meanY)
            sxx += (Double(i) - meanX) * (Double(i) - meanX)
        }
        let slope = sxy / sxx
        firstEpoch = losses.count - k + 1
        lastEpoch = losses.count
        let head = losses[...(losses.count - k)]
        let top = head.indices.max { head[$0] < head[$1] }!
        peak = head[top]
        peakEpoch = top + 1
        start = meanY - slope * meanX
        end = meanY + slope * meanX
        let residuals = window.enumerated().reduce(0.0) { sum, p in
            let r = p.element - (meanY + slope * (Double(p.offset) - meanX))
            return sum + r * r
        }
        let variance = k > 2 ? residuals / Double(k - 2) : 0
        dropError = (variance / sxx).squareRoot() * Double(k - 1)
        scatter = meanY > 0 ? variance.squareRoot() / meanY : 0
        further = Self.furtherEpochs(after: losses.count)
    }

    /// The fitted drop as a fraction of the starting level (negative when rising).
    var relativeDrop: Double { start > 0 ? (start - end) / start : 0 }
    /// The window's share of the descent since the peak (all of it where the fitted line starts higher still).
    var shareOfDescent: Double { max(peak, start) > end ? (start - end) / (max(peak, start) - end) : 1 }
    /// The fitted drop in standard errors: how surely the loss is moving at all.
    var strength: Double { dropError > 0 ? (start - end) / dropError : start > end ? .infinity : 0 }
    /// The window's pace carried on over the further training, as a fraction of the loss (a straight line
    /// overstates a fall that is slowing down, which the share of the descent guards against).
    var projectedDrop: Double { relativeDrop / Double(max(lastEpoch - firstEpoch, 1)) * Double(further) }
    var isFalling: Bool {
        strength >= Self.significance && shareOfDescent >= Self.minimumShare && projectedDrop >= Self.minimumProjected
    }
    /// Neither falling, nor climbing, nor jumping about: training has settled where it is.
    var isFlat: Bool { !isFalling && relativeDrop > -Self.rising && scatter <= Self.settled }

    var evidence: Evidence {
        let level = "(trend \(Format.number(start)) → \(Format.number(end)))"
        let text: String
        if abs(relativeDrop) < 0.001 {
            text = "the training loss stayed level at \(Format.number(end))"
        } else if relativeDrop < 0 {
            text = "the training loss rose \(Format.percent(-relativeDrop)) \(level)"
        } else {
            let share = peak > end ? ", \(Format.percent(shareOfDescent, decimals: 0)) of its fall since epoch \(peakEpoch)" : ""
            // A small fall that still counts: how steady it is, and what its pace adds up to.
            let pace = isFalling && relativeDrop < Self.smallDrop
                ? "; small but steady (\(strength.isFinite ? Format.number(strength, digits: 2) + " times its standard error" : "a straight line")): at this pace "
                    + "\(further) more epochs would take \(Format.percent(min(projectedDrop, 1), decimals: 0)) off"
                : ""
            text = "the training loss fell \(Format.percent(relativeDrop)) \(level)\(share)\(pace)"
        }
        return Evidence("loss_trend", relativeDrop, "over epochs \(firstEpoch)–\(lastEpoch) " + text)
    }
}
