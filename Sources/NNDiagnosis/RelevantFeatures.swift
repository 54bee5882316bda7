import NNCore

/// The features that carry the classes, found by the neighbours' own error: in many dimensions, features
/// that carry nothing scatter every point's neighbours, and a nearest-neighbour estimate of the overlap
/// then counts that scatter as overlap (a ring in 2 of 30 features: 30% "overlap" where there is none).
enum RelevantFeatures {
    /// Features added one at a time, at most this many: enough for the boundaries people draw by hand,
    /// and every one costs a pass over all the others.
    static let steps = 6
    /// Pairwise distance updates one selection may do (about 0.1 s in a release build): the rows searched
    /// are a seeded sample small enough to stay within it, and never fewer than 150.
    static let work = 50_000_000

    /// Greedy forward selection on a seeded sample of the rows: each step adds the feature whose addition
    /// gives the fewest leave-one-out k-NN errors (best odd k up to `k`); the answer is the step that erred
    /// least. A step may make things worse before the next makes them better (xor needs both of its features:
    /// either alone is no better than a coin), so it does not stop at the first step without a gain.
    /// Picking the best of many candidates leans low by chance, by about the interval's width on pure noise.
    /// `shouldStop` is asked before each candidate feature; stopped, there is no answer.
    static func select(_ rows: StandardRows, k: Int, shouldStop: () -> Bool = { false }) -> (features: [Int], wrong: Int, of: Int)? {
        let n = rows.count, d = rows.features
        let maxSteps = min(steps, d)
        let m = min(n, max(150, Int((Double(work) / Double(d * maxSteps)).squareRoot())))
        guard m > k + 1 else { return nil }
        var rng = RandomState(seed: 0)
        let sample = Array(rng.permutation(n).prefix(m))
        let y = sample.map { rows.y[$0] }
        // Squared distances between sample rows over the features chosen so far.
        var distances = [Double](repeating: 0, count: m * m)
        var chosen: [Int] = [], best: (features: [Int], wrong: Int)?
        for _ in 0..<maxSteps {
            var step: (feature: Int, wrong: Int)?
            for f in 0..<d where !chosen.contains(f) {
                if shouldStop() { return nil }
                let column = sample.map { rows.x[$0 * d + f] }
                let wrong = leaveOneOutErrors(distances, adding: column, y, classes: rows.classes, k: k)
                if wrong < step?.wrong ?? .max { step = (f, wrong) }
            }
            guard let step else { break }
            chosen.append(step.feature)
            let column = sample.map { rows.x[$0 * d + step.feature] }
            for i in 0..<m { for j in 0..<m { let e = column[i] - column[j]; distances[i * m + j] += e * e } }
            if step.wrong < best?.wrong ?? .max { best = (chosen, step.wrong) }
        }
        return best.map { ($0.features, $0.wrong, m) }
    }

    /// Leave-one-out k-NN errors with `column`'s squared differences added to `distances`, for the odd k up
    /// to `k` that errs least.
    static func leaveOneOutErrors(_ distances: [Double], adding column: [Double], _ y: [Double], classes: Int, k: Int) -> Int {
        let m = y.count
        var wrong = [Int](repeating: 0, count: k + 1)
        var nearest = [(distance: Double, label: Double)]()
        nearest.reserveCapacity(k + 1)
        distances.withUnsafeBufferPointer { dist in
            column.withUnsafeBufferPointer { c in
                for i in 0..<m {
                    nearest.removeAll(keepingCapacity: true)
                    let ci = c[i], row = i * m
                    for j in 0..<m where j != i {
                        let e = ci - c[j], dd = dist[row + j] + e * e
                        if nearest.count == k, dd >= nearest[k - 1].distance { continue }
                        var at = nearest.count
                        while at > 0 && nearest[at - 1].distance > dd { at -= 1 }
                        nearest.insert((dd, y[j]), at: at)
                        if nearest.count > k { nearest.removeLast() }
                    }
                    var vote = Vote(classes: classes)
                    for (r, neighbour) in nearest.enumerated() {
                        vote.add(Int(neighbour.label))
                        if r % 2 == 0, Double(vote.leader) != y[i] { wrong[r + 1] += 1 }
                    }
                }
            }
        }
        return stride(from: 1, through: k, by: 2).map { wrong[$0] }.min()!
    }
}
