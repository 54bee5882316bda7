import NNCore

/// The best straight line when no line separates the classes: logistic regression fit by Newton's method.
extension Separability {
    /// Training accuracy of logistic regression (Newton's method, a whisker of L2 so that it
    /// always converges): the line a linear model trained on this loss ends up near.
    /// `shouldStop` is asked at every Newton step; stopped, the answer is 1.
    static func bestLineAccuracy(_ x: [Double], _ y: [Double], features d: Int, shouldStop: () -> Bool = { false }) -> Double {
        guard let w = logisticWeights(x, y, features: d, shouldStop: shouldStop) else { return 1 }
        let n = y.count
        let right = (0..<n).filter { i in
            (score(w, x, i, features: d) > 0) == (y[i] == 1)
        }.count
        return Double(right) / Double(max(n, 1))
    }

    /// Point `i`'s score `w·(x, 1)`.
    static func score(_ w: [Double], _ x: [Double], _ i: Int, features d: Int) -> Double {
        (0...d).reduce(0.0) { $0 + w[$1] * ($1 == d ? 1 : x[i * d + $1]) }
    }

    /// The logistic regression's weights, the bias last; nil when stopped.
    static func logisticWeights(_ x: [Double], _ y: [Double], features d: Int, shouldStop: () -> Bool = { false }) -> [Double]? {
        let n = y.count, p = d + 1
        var w = [Double](repeating: 0, count: p)
        func input(_ i: Int, _ f: Int) -> Double { f == d ? 1 : x[i * d + f] }
        for _ in 0..<30 {
            if shouldStop() { return nil }
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
        return w
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
