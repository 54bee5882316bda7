import NNCore

/// Linear separability, exactly: a linear programme (the best line, when there is none, is in BestLine.swift).
enum Separability {
    /// Two classes can be split by a hyperplane exactly when their convex hulls do not meet, and
    /// the hulls meet exactly when some α, β ≥ 0 with Σα = Σβ = 1 give Σα·a = Σβ·b: a linear
    /// programme whose feasibility phase 1 of the simplex method decides. Rows: one per feature and
    /// one per class; columns: one per point, the class-0 points entering with a minus sign.
    /// `shouldStop` is asked at every pivot; stopped, the answer is "separable". Nil (not tested) when the simplex
    /// method needs more than `maxPivots` pivots (`pivotCap` unless given): in floating point, Bland's rule can
    /// cycle on very degenerate tableaus (ReLU outputs of 64 units, most of them 0, after l2 training, looped).
    static func separable(_ x: [Double], _ y: [Double], features d: Int, maxPivots: Int? = nil,
                          shouldStop: () -> Bool = { false }) -> Bool? {
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
        return Simplex.phaseOne(a, b, maxPivots: maxPivots ?? pivotCap(features: d, points: n), shouldStop: shouldStop).map { $0 > 1e-9 }
    }

    /// The simplex method usually takes a small multiple of the tableau's rows and columns in pivots; far beyond that
    /// it is cycling in rounding noise.
    static func pivotCap(features d: Int, points n: Int) -> Int { 100 * (d + 2 + n) }

    /// For two features: the first of x1²+x2², x1·x2, x1², x2² (on standardised values) that makes
    /// the classes separable, or else the one that helps the best line most; with the inputs a model
    /// needs to draw it (`features x1 x2 x1^2 x2^2` for x1²+x2²).
    static func featureHint(_ rows: StandardRows, names: [String])
        -> (name: String, separable: Bool, accuracy: Double, terms: [FeatureTerm])? {
        guard rows.features == 2 else { return nil }
        let (a, b) = (names[0], names[1])
        let raw: [FeatureTerm] = [.column(0), .column(1)]
        let candidates: [(String, (Double, Double) -> Double, [FeatureTerm])] = [
            ("\(a)²+\(b)²", { $0 * $0 + $1 * $1 }, raw + [.square(0), .square(1)]), ("\(a)·\(b)", { $0 * $1 }, raw + [.product(0, 1)]),
            ("\(a)²", { u, _ in u * u }, raw + [.square(0)]), ("\(b)²", { _, v in v * v }, raw + [.square(1)]),
        ]
        var best: (name: String, separable: Bool, accuracy: Double, terms: [FeatureTerm])?
        for (name, feature, terms) in candidates {
            var x = [Double](); x.reserveCapacity(rows.count * 3)
            for i in 0..<rows.count {
                x += [rows.x[2 * i], rows.x[2 * i + 1], feature(rows.x[2 * i], rows.x[2 * i + 1])]
            }
            let widened = Scaler.fit(x, features: 3).transform(x)
            if separable(widened, rows.y, features: 3) == true { return (name, true, 1, terms) }
            let accuracy = bestLineAccuracy(widened, rows.y, features: 3)
            if accuracy > best?.accuracy ?? 0 { best = (name, false, accuracy, terms) }
        }
        return best
    }
}

/// Phase 1 of the dense tableau simplex method with Bland's rule (which cannot cycle).
enum Simplex {
    /// The least total infeasibility Σ artificials over `a·λ = b`, `λ ≥ 0` (with `b ≥ 0`):
    /// zero exactly when the system has a solution.
    /// `shouldStop` is asked at every pivot; stopped, the answer is infinity (as if infeasible). Nil after
    /// `maxPivots` pivots without an answer.
    static func phaseOne(_ a: [[Double]], _ b: [Double], maxPivots: Int = .max, shouldStop: () -> Bool = { false }) -> Double? {
        let m = a.count, n = a[0].count, width = n + m + 1
        // Tableau rows: constraints with one artificial each, then the objective (reduced costs).
        var t = (0..<m).map { r in a[r] + (0..<m).map { $0 == r ? 1.0 : 0.0 } + [b[r]] }
        var cost = [Double](repeating: 0, count: width)
        for r in 0..<m { for c in 0..<width where c < n || c == width - 1 { cost[c] -= t[r][c] } }
        var basis = Array(n..<(n + m))
        let eps = 1e-12
        var pivots = 0
        while let enter = (0..<(n + m)).first(where: { cost[$0] < -eps }) {
            if shouldStop() { return .infinity }
            var leave: Int?
            for r in 0..<m where t[r][enter] > eps {
                let ratio = t[r][width - 1] / t[r][enter]
                if let l = leave {
                    let best = t[l][width - 1] / t[l][enter]
                    if ratio < best - eps || (abs(ratio - best) <= eps && basis[r] < basis[l]) { leave = r }
                } else { leave = r }
            }
            guard let r = leave else { break }   // unbounded: cannot happen for a sum of artificials ≥ 0
            pivots += 1
            if pivots > maxPivots { return nil }
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
