/// Small statistics shared by the data-side analyzers.

enum Proportion {
    /// A 95% interval for a proportion seen as `s` of `n`: Wilson's centre with the
    /// Agresti–Coull width, which (unlike the plain Wilson interval) reaches 100% for 39/40,
    /// so one miss in a small test set is not read as evidence against a perfect model.
    static func interval(_ s: Int, of n: Int) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let z = 1.959964, size = Double(n) + z * z
        let centre = (Double(s) + z * z / 2) / size
        let half = z * (centre * (1 - centre) / size).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}

/// Brute-force nearest neighbours on a row-major buffer: a few hundred points need nothing cleverer.
enum Neighbours {
    /// Indices of the `k` rows nearest to row `i` (itself excluded), nearest first.
    static func nearest(_ k: Int, to i: Int, in x: [Double], features d: Int) -> [Int] {
        let n = x.count / d
        var best: [(distance: Double, index: Int)] = []
        best.reserveCapacity(k + 1)
        for j in 0..<n where j != i {
            var dist = 0.0
            for f in 0..<d { let e = x[i * d + f] - x[j * d + f]; dist += e * e }
            if best.count == k, dist >= best[k - 1].distance { continue }
            let at = best.firstIndex { $0.distance > dist } ?? best.count
            best.insert((dist, j), at: at)
            if best.count > k { best.removeLast() }
        }
        return best.map(\.index)
    }
}
