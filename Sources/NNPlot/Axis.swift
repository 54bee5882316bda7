/// One axis of a figure: its title and the range it shows, linear or logarithmic.
public struct Axis: Sendable, Equatable {
    public enum Scale: Sendable, Equatable { case linear, log }

    public var title: String
    public var min: Double
    public var max: Double
    public var scale: Scale

    public init(title: String, min: Double, max: Double, scale: Scale = .linear) {
        precondition(min < max && (scale == .linear || min > 0), "an axis needs min < max (and min > 0 on a log scale)")
        self.title = title
        self.min = min
        self.max = max
        self.scale = scale
    }

    /// A linear axis over `values`, padded by 5% of their span on each side and widened to round numbers,
    /// so that its ends are worth labelling. Any finite values give a finite axis: beyond 10^300 the
    /// rounding is done in units of 10^8 (so the padding cannot overflow) and the ends are kept finite.
    static func covering(_ values: [Double], title: String) -> Axis {
        let finite = values.filter(\.isFinite)
        let unit = finite.contains { abs($0) > 1e300 } ? 1e8 : 1
        var lo = (finite.min() ?? -1) / unit, hi = (finite.max() ?? 1) / unit
        // A constant column: ±1 around it, or ±1e-6 of it where 1 would vanish in rounding.
        if hi - lo <= 1e-9 * Swift.max(1, abs(lo)) {
            let widen = Swift.max(1, 1e-6 * abs(lo))
            (lo, hi) = (lo - widen, hi + widen)
        }
        let pad = 0.05 * (hi - lo)
        let step = niceStep((hi - lo + 2 * pad) / 10)
        return Axis(title: title, min: Axis.finite(((lo - pad) / step).rounded(.down) * step * unit),
                    max: Axis.finite(((hi + pad) / step).rounded(.up) * step * unit))
    }

    /// ±infinity as the largest finite Double of that sign: an axis end must be a number.
    static func finite(_ v: Double) -> Double { Swift.min(Swift.max(v, -.greatestFiniteMagnitude), .greatestFiniteMagnitude) }

    /// Half of `max - min`, which cannot overflow (the whole of it can, for ends near ±Double.greatestFiniteMagnitude).
    /// Halving is exact, so every use below gives the same bits as the plain difference wherever that is finite.
    var halfSpan: Double { max / 2 - min / 2 }

    /// Where `v` falls between `min` (0) and `max` (1); a log axis measures in decades.
    func fraction(_ v: Double) -> Double {
        switch scale {
        case .linear: return (v / 2 - min / 2) / halfSpan
        case .log: return v > 0 ? (decimalLog(v) - decimalLog(min)) / (decimalLog(max) - decimalLog(min)) : -.infinity
        }
    }

    /// The value at fraction `f` of a linear axis.
    func value(at f: Double) -> Double { 2 * (min / 2 + f * halfSpan) }

    /// About `count` round tick values from `min` to `max`, both ends always included.
    func ticks(count: Int) -> [Double] {
        var inner: [Double]
        switch scale {
        case .linear:
            let step = Axis.gridStep(min: min, max: max, raw: halfSpan / Double(Swift.max(1, count)) * 2)
            let first = (min / step).rounded(.up), steps = (max / step).rounded(.down) - first
            // An overflowed step (a span near 2·Double.greatestFiniteMagnitude) or a span lost in rounding
            // (ends near 10^18 one apart) gives no round ticks between the ends: the ends alone.
            inner = step.isFinite && steps >= 0 && steps <= 1000 ? (0...Int(steps)).map { (first + Double($0)) * step } : []
        case .log:
            let lo = decade(of: min) + (powerOfTen(decade(of: min)) < min ? 1 : 0), hi = decade(of: max)
            let every = Swift.max(1, (hi - lo + count - 1) / Swift.max(1, count))
            inner = stride(from: lo, through: hi, by: every).map(powerOfTen)
            if hi - lo <= 1 {  // one decade alone is too few ticks to read a value
                inner = (lo - 1...hi).flatMap { e in [1.0, 2, 5].map { $0 * powerOfTen(e) } }
            }
        }
        let tolerance = 2e-9 * halfSpan
        inner = inner.filter { $0 > min + tolerance && $0 < max - tolerance }
        return [min] + inner + [max]
    }

    /// The nice step nearest above `raw` on which both ends fall, so the ticks are evenly spaced from end to end
    /// (ends -3 and 3 with step 2 read "-3 -2 0 2 3"); up to two 1-2-5 steps finer, else the nice step itself.
    static func gridStep(min: Double, max: Double, raw: Double) -> Double {
        var step = niceStep(raw)
        for _ in 0..<3 {
            let onGrid = [min, max].allSatisfy { v in abs(v / step - (v / step).rounded()) < 1e-9 }
            if onGrid { return step }
            let p = powerOfTen(decade(of: step)), m = (step / p).rounded()
            step = m == 1 ? p / 2 : m == 2 ? p : 2 * p  // the next finer of 1, 2, 5 × 10^k
        }
        return niceStep(raw)
    }

    /// The most ticks up to `count` whose labels `fit` (no two collide), so none is dropped and the spacing stays even;
    /// where the ends with the round ticks between them do not fit, the round ticks alone.
    func fittingTicks(count: Int, fit: ([Double]) -> Bool) -> [Double] {
        for c in stride(from: Swift.max(1, count), through: 1, by: -1) {
            let t = ticksEndsFirst(count: c), inner = Array(t.dropFirst(2))
            if fit(t) { return t }
            if inner.count >= 2, fit(inner) { return inner }
        }
        return [min, max]
    }

    /// The ticks with both ends first, so the ends of the range win when labels would collide.
    func ticksEndsFirst(count: Int) -> [Double] {
        let t = ticks(count: count)
        return [t[0], t[t.count - 1]] + t[1..<(t.count - 1)]
    }

    /// Label text for a tick: as many digits as the value needs, no float noise (0.30000000000000004 is "0.3").
    static func label(_ v: Double) -> String { NumberFormat.short(v, significant: 6) }

    /// The smallest of 1, 2, 5 × 10^k that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = powerOfTen(decade(of: raw))
        return [1.0, 2, 5].map { $0 * p }.first { $0 >= raw * (1 - 1e-12) } ?? 10 * p
    }
}
