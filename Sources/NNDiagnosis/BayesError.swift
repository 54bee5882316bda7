#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// The error rate of the best possible classifier: what no model can beat.
public struct BayesErrorEstimate: Equatable, Sendable {
    /// Expected error rate of the best possible classifier, 0...0.5.
    public var value: Double
    /// An interval around `value` (equal to it when exact).
    public var low: Double, high: Double
    /// True when computed from a built-in generator's known class densities.
    public var exact: Bool

    public init(value: Double, low: Double, high: Double, exact: Bool) {
        self.value = value
        self.low = low
        self.high = high
        self.exact = exact
    }
}

public enum BayesError {
    /// Exact for generated data (from the generator's class densities, with the
    /// imbalance as prior; flipped labels are label noise, not part of it);
    /// for loaded data, the leave-one-out 15-NN error on the scaled training rows with a Wilson interval.
    public static func estimate(_ context: DiagnosisContext) -> BayesErrorEstimate {
        if let spec = context.spec, spec.kind == .circles {
            let e = circles(noise: spec.noise, imbalance: spec.imbalance)
            return BayesErrorEstimate(value: e, low: e, high: e, exact: true)
        }
        return nearestNeighbours(context.data, k: 15)
    }

    /// Circles: the radius of a point is Rice-distributed around 1 or 2, so the
    /// Bayes error is a one-dimensional integral of the smaller weighted density.
    static func circles(noise s: Double, imbalance: Double) -> Double {
        let p1 = imbalance / (1 + imbalance), p0 = 1 - p1
        guard s > 0 else { return 0 }
        func density(_ r: Double, _ radius: Double) -> Double {
            let x = r * radius / (s * s)
            return exp(log(r) - 2 * log(s) - (r - radius) * (r - radius) / (2 * s * s)) * scaledBesselI0(x)
        }
        // Simpson's rule on [0, 2 + 10σ]; the integrand is smooth except for one kink.
        let steps = 4000, upper = 2 + 10 * s, h = upper / Double(steps)
        var sum = 0.0
        for i in 1..<steps {
            let r = Double(i) * h
            sum += (i % 2 == 0 ? 2 : 4) * min(p0 * density(r, 1), p1 * density(r, 2))
        }
        return sum * h / 3
    }

    /// e^(−x)·I0(x), Abramowitz & Stegun 9.8.1–9.8.2 (relative error below 2e-7).
    static func scaledBesselI0(_ x: Double) -> Double {
        if x < 3.75 {
            let t = (x / 3.75) * (x / 3.75)
            let i0 = 1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))))
            return exp(-x) * i0
        }
        let t = 3.75 / x
        let c = [0.39894228, 0.01328592, 0.00225319, -0.00157565, 0.00916281, -0.02057706, 0.02635537, -0.01647633, 0.00392377]
        return c.reversed().reduce(0) { $0 * t + $1 } / x.squareRoot()
    }

    /// Leave-one-out k-NN error on the training rows, standardised so no feature dominates the distance.
    static func nearestNeighbours(_ data: PreparedData, k: Int) -> BayesErrorEstimate {
        let train = data.dataset.gather(data.split.train)
        let d = data.dataset.features
        let x = Scaler.fit(train.x, features: d).transform(train.x)
        let n = train.y.count
        guard n > k else { return BayesErrorEstimate(value: 0, low: 0, high: 0.5, exact: false) }
        var wrong = 0
        for i in 0..<n {
            let votes = Neighbours.nearest(k, to: i, in: x, features: d).reduce(0.0) { $0 + train.y[$1] }
            if (votes * 2 > Double(k) ? 1.0 : 0.0) != train.y[i] { wrong += 1 }
        }
        let (low, high) = Proportion.interval(wrong, of: n)
        return BayesErrorEstimate(value: Double(wrong) / Double(n), low: low, high: min(high, 0.5), exact: false)
    }
}
