/// What `imbalance=` and `flip=` do to a generated set. Each draws from a stream of its own,
/// derived from the data seed, so corrupting the data never moves its points or its split.
public enum Corruptions {
    /// Keeps class 1 at `ratio` to class 0 (for a ratio above 1, class 0 at 1/ratio to class 1),
    /// dropping a random choice of the surplus class so that what stays keeps the class's shape.
    /// The kept points stay in their order.
    public static func imbalance(_ data: Dataset, ratio: Double, seed: UInt32) -> Dataset {
        let counts = data.classCounts
        let cut = ratio < 1 ? 1 : 0
        let keep = max(1, min(counts[cut], Int((ratio < 1 ? ratio * Double(counts[0]) : Double(counts[1]) / ratio).rounded())))
        var rng = RandomState(seed: seed ^ 0x7F4A_7C15)
        let members = data.y.indices.filter { data.y[$0] == cut }
        let dropped = Set(rng.permutation(members.count)[keep...].map { members[$0] })
        let kept = data.y.indices.filter { !dropped.contains($0) }
        let rows = data.gather(kept)
        return Dataset(x: rows.x, y: kept.map { data.y[$0] }, features: data.features, featureNames: data.featureNames)
    }

    /// Flips `round(fraction · rows.count)` of the labels at `rows` (the training rows) and returns
    /// their dataset indices, ascending.
    public static func flip(_ data: inout Dataset, rows: [Int], fraction: Double, seed: UInt32) -> [Int] {
        let count = min(rows.count, Int((fraction * Double(rows.count)).rounded()))
        guard count > 0 else { return [] }
        var rng = RandomState(seed: seed ^ 0x9E37_79B9)
        let chosen = rng.permutation(rows.count)[..<count].map { rows[$0] }.sorted()
        for i in chosen { data.y[i] = 1 - data.y[i] }
        return chosen
    }
}
