#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// Test accuracy on a handful of points is a rough measurement: this says how rough, so that
/// one miss in 40 is not read as a flaw.
public struct SmallTestSet: Analyzer {
    /// A 95% interval wider than this (±5 points) makes the test accuracy worth a caveat.
    static let wide = 0.1

    public init() {}
    public var ids: [String] { ["small-test-set"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let t = context.data.training
        let n = t.yTest.count
        guard n > 0 else { return [] }
        let test = Evaluation(network: context.run.network, x: t.xTest, y: t.yTest)
        let right = test.correct
        let (low, high) = Proportion.interval(right, of: n)
        guard high - low > Self.wide else { return [] }
        let headline = right < n && high >= 1
            ? "\(right)/\(n) is not evidence against 100%: the test set is too small to tell"
            : "with \(n) test points, test accuracy is only known to within about \(Format.fixed(50 * (high - low), decimals: 0)) points either way"
        var evidence = [
            Evidence("test_accuracy", test.accuracy, "test accuracy \(Format.percent(test.accuracy)) (\(right) of \(n) points)"),
            Evidence("interval_low", low,
                     "the accuracy on new points is likely anywhere from \(Format.percent(low, decimals: 0)) to "
                        + "\(Format.percent(high, decimals: 0)) (95% interval)"),
        ]
        // How often even the best possible model would miss this many: the post's 39/40 in numbers.
        let misses = n - right
        if misses > 0, case let bayes = context.facts.bayes.value, bayes > 0 {
            let chance = Self.atLeast(misses, of: n, rate: bayes)
            if chance >= 0.05 {
                evidence.append(Evidence("chance_of_misses", chance,
                                         "the best possible model (\(Format.percent(1 - bayes)) right) misses at least "
                                            + "\(misses) of \(n) in \(Format.percent(chance, decimals: 0)) of test sets"))
            }
        }
        var fixes: [Fix] = []
        if let spec = context.spec { fixes.append(.data(spec) { $0.n = spec.n * 4 }) }
        return [Finding(
            id: "small-test-set", severity: .note, headline: headline, evidence: evidence,
            why: "Each test point is right or wrong, so with few of them one point moves the accuracy by several percent. "
                + "Another draw of the same size could easily score higher or lower; more test points narrow the range.",
            fixes: fixes)]
    }

    /// P(at least `k` misses in `n` points) for a model that misses each with probability `rate`.
    static func atLeast(_ k: Int, of n: Int, rate p: Double) -> Double {
        // 1 − Σ_{i<k} C(n,i) pⁱ (1−p)^(n−i), each term from the one before.
        var term = pow(1 - p, Double(n)), below = 0.0
        for i in 0..<k {
            below += term
            term *= Double(n - i) / Double(i + 1) * p / (1 - p)
        }
        return max(0, 1 - below)
    }
}
