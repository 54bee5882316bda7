#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// A model without hidden layers draws one straight boundary; this says when no straight
/// boundary can do, by an exact test, and which extra input would let one.
public struct LinearInseparable: Analyzer {
    public init() {}
    public var ids: [String] { ["linear-inseparable"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard context.hiddenLayers.isEmpty, !context.diverged else { return [] }
        let rows = StandardRows(context.data)
        let facts = RunFacts(context)
        guard facts.train.accuracy < 1, !Separability.separable(rows.x, rows.y, features: rows.features) else { return [] }
        // A line that does as well as the data allows (two overlapping Gaussians) is not the limit.
        let line = Separability.bestLineAccuracy(rows.x, rows.y, features: rows.features)
        guard 1 - line > facts.allowedTrainError else { return [] }

        var evidence = [
            Evidence("separable", 0, "no straight line separates the training set (exact test)"),
            Evidence("best_line_train_accuracy", line, "the best line (logistic regression) gets \(Format.percent(line)) on train"),
        ]
        // A feature is worth naming when it makes the classes separable or lifts the best line by 5 points.
        if let hint = Separability.featureHint(rows, names: context.data.dataset.featureNames),
           hint.separable || hint.accuracy >= line + 0.05 {
            evidence.append(hint.separable
                ? Evidence("feature_hint_accuracy", 1, "with \(hint.name) as an extra input a flat boundary separates them")
                : Evidence("feature_hint_accuracy", hint.accuracy,
                           "with \(hint.name) as an extra input the best flat boundary gets \(Format.percent(hint.accuracy))"))
        }
        return [Finding(
            id: "linear-inseparable", severity: .problem,
            headline: "a straight line cannot separate these classes",
            evidence: evidence,
            why: "A model with no hidden layer draws one straight boundary, and these classes need a curved one. "
                + "A hidden layer lets the model bend its boundary around them.",
            fixes: [.model([LayerSpec(units: 16, activation: .relu)])])]
    }
}

/// Linear separability, exactly, and the best line when there is none.
enum Separability {
    /// Two classes can be split by a hyperplane exactly when their convex hulls do not meet, and
    /// the hulls meet exactly when some α, β ≥ 0 with Σα = Σβ = 1 give Σα·a = Σβ·b: a linear
    /// programme whose feasibility phase 1 of the simplex method decides. Rows: one per feature and
    /// one per class; columns: one per point, the class-0 points entering with a minus sign.
    static func separable(_ x: [Double], _ y: [Double], features d: Int) -> Bool {
        let n = y.count
        guard Set(y).count == 2 else { return true }
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: d + 2)
        for i in 0..<n {
            let sign = y[i] == 1 ? 1.0 : -1.0
            for f in 0..<d { a[f][i] = sign * x[i * d + f] }
            a[d + Int(y[i])][i] = 1
        }
        var b = [Double](repeating: 0, count: d + 2)
        b[d] = 1; b[d + 1] = 1
        return Simplex.phaseOne(a, b) > 1e-9
    }

    /// Training accuracy of logistic regression (Newton's method, a whisker of L2 so that it
    /// always converges): the line a linear model trained on this loss ends up near.
    static func bestLineAccuracy(_ x: [Double], _ y: [Double], features d: Int) -> Double {
        let n = y.count, p = d + 1
        var w = [Double](repeating: 0, count: p)
        func input(_ i: Int, _ f: Int) -> Double { f == d ? 1 : x[i * d + f] }
        for _ in 0..<30 {
            var gradient = w.map { 1e-3 * $0 }
            var hessian = (0..<p).map { r in (0..<p).map { c in r == c ? 1e-3 : 0 } }
            for i in 0..<n {
                let z = (0..<p).reduce(0.0) { $0 + w[$1] * input(i, $1) }
                let s = Activation.sigmoid(z)
                for r in 0..<p {
                    gradient[r] += (s - y[i]) * input(i, r)
                    for c in 0..<p { hessian[r][c] += s * (1 - s) * input(i, r) * input(i, c) }
                }
            }
            let step = solve(hessian, gradient)
            for r in 0..<p { w[r] -= step[r] }
            if step.reduce(0, { $0 + $1 * $1 }) < 1e-18 { break }
        }
        let right = (0..<n).filter { i in
            ((0..<p).reduce(0.0) { $0 + w[$1] * input(i, $1) } > 0) == (y[i] == 1)
        }.count
        return Double(right) / Double(max(n, 1))
    }

    /// For two features: the first of x1²+x2², x1·x2, x1², x2² (on standardised values) that makes
    /// the classes separable, or else the one that helps the best line most.
    static func featureHint(_ rows: StandardRows, names: [String]) -> (name: String, separable: Bool, accuracy: Double)? {
        guard rows.features == 2 else { return nil }
        let (a, b) = (names[0], names[1])
        let candidates: [(String, (Double, Double) -> Double)] = [
            ("\(a)²+\(b)²", { $0 * $0 + $1 * $1 }), ("\(a)·\(b)", { $0 * $1 }), ("\(a)²", { u, _ in u * u }), ("\(b)²", { _, v in v * v }),
        ]
        var best: (name: String, separable: Bool, accuracy: Double)?
        for (name, feature) in candidates {
            var x = [Double](); x.reserveCapacity(rows.count * 3)
            for i in 0..<rows.count {
                x += [rows.x[2 * i], rows.x[2 * i + 1], feature(rows.x[2 * i], rows.x[2 * i + 1])]
            }
            let widened = Scaler.fit(x, features: 3).transform(x)
            if separable(widened, rows.y, features: 3) { return (name, true, 1) }
            let accuracy = bestLineAccuracy(widened, rows.y, features: 3)
            if accuracy > best?.accuracy ?? 0 { best = (name, false, accuracy) }
        }
        return best
    }

    /// Solves the small dense system `a·x = b` by Gaussian elimination with partial pivoting.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var m = a, v = b
        let n = v.count
        for c in 0..<n {
            let pivot = (c..<n).max { abs(m[$0][c]) < abs(m[$1][c]) }!
            m.swapAt(c, pivot); v.swapAt(c, pivot)
            guard m[c][c] != 0 else { continue }
            for r in (c + 1)..<n {
                let f = m[r][c] / m[c][c]
                for k in c..<n { m[r][k] -= f * m[c][k] }
                v[r] -= f * v[c]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            let rest = ((r + 1)..<n).reduce(0.0) { $0 + m[r][$1] * x[$1] }
            x[r] = m[r][r] == 0 ? 0 : (v[r] - rest) / m[r][r]
        }
        return x
    }
}

/// Phase 1 of the dense tableau simplex method with Bland's rule (which cannot cycle).
enum Simplex {
    /// The least total infeasibility Σ artificials over `a·λ = b`, `λ ≥ 0` (with `b ≥ 0`):
    /// zero exactly when the system has a solution.
    static func phaseOne(_ a: [[Double]], _ b: [Double]) -> Double {
        let m = a.count, n = a[0].count, width = n + m + 1
        // Tableau rows: constraints with one artificial each, then the objective (reduced costs).
        var t = (0..<m).map { r in a[r] + (0..<m).map { $0 == r ? 1.0 : 0.0 } + [b[r]] }
        var cost = [Double](repeating: 0, count: width)
        for r in 0..<m { for c in 0..<width where c < n || c == width - 1 { cost[c] -= t[r][c] } }
        var basis = Array(n..<(n + m))
        let eps = 1e-12
        while let enter = (0..<(n + m)).first(where: { cost[$0] < -eps }) {
            var leave: Int?
            for r in 0..<m where t[r][enter] > eps {
                let ratio = t[r][width - 1] / t[r][enter]
                if let l = leave {
                    let best = t[l][width - 1] / t[l][enter]
                    if ratio < best - eps || (abs(ratio - best) <= eps && basis[r] < basis[l]) { leave = r }
                } else { leave = r }
            }
            guard let r = leave else { break }   // unbounded: cannot happen for a sum of artificials ≥ 0
            let p = t[r][enter]
            for c in 0..<width { t[r][c] /= p }
            for other in 0..<m where other != r && t[other][enter] != 0 {
                let f = t[other][enter]
                for c in 0..<width { t[other][c] -= f * t[r][c] }
            }
            let f = cost[enter]
            for c in 0..<width { cost[c] -= f * t[r][c] }
            basis[r] = enter
        }
        return -cost[width - 1]
    }
}
