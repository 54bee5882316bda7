/// What `imbalance=` and `flip=` do to a generated set. Each draws from a stream of its own,
/// derived from the data seed, so corrupting the data never moves its points or its split.
public enum Corruptions {
    /// Keeps every class but class 0 at `ratio` to class 0 (for two classes and a ratio above 1, class 0
    /// at 1/ratio to class 1), dropping a random choice of each surplus class, class 1 first, so that what
    /// stays keeps the class's shape. The kept points stay in their order.
    public static func imbalance(_ data: Dataset, ratio: Double, seed: UInt32) -> Dataset {
        let counts = data.classCounts
        var rng = RandomState(seed: seed ^ 0x7F4A_7C15)
        var dropped = Set<Int>()
        let cut = ratio > 1 && data.classes == 2 ? [0] : Array(1..<data.classes)
        for c in cut {
            let wanted = c == 0 ? Double(counts[1]) / ratio : ratio * Double(counts[0])
            let keep = max(1, min(counts[c], Int(wanted.rounded())))
            let members = data.y.indices.filter { data.y[$0] == c }
            dropped.formUnion(rng.permutation(members.count)[keep...].map { members[$0] })
        }
        let kept = data.y.indices.filter { !dropped.contains($0) }
        let rows = data.gather(kept)
        return Dataset(x: rows.x, y: kept.map { data.y[$0] }, features: data.features, featureNames: data.featureNames,
                       classNames: data.classNames)
    }

    /// Flips `round(fraction · rows.count)` of the labels at `rows` (the training rows), each to another
    /// class chosen uniformly (with two classes, the other one, drawing nothing), and returns their dataset
    /// indices, ascending.
    public static func flip(_ data: inout Dataset, rows: [Int], fraction: Double, seed: UInt32) -> [Int] {
        let count = min(rows.count, Int((fraction * Double(rows.count)).rounded()))
        guard count > 0 else { return [] }
        var rng = RandomState(seed: seed ^ 0x9E37_79B9)
        let chosen = rng.permutation(rows.count)[..<count].map { rows[$0] }.sorted()
        let k = data.classes
        for i in chosen {
            guard k > 2 else { data.y[i] = 1 - data.y[i]; continue }
            // One of the k − 1 others: a draw in 0...k−2, skipping the true class.
            let other = rng.interval(k - 2)
            data.y[i] = other >= data.y[i] ? other + 1 : other
        }
        return chosen
    }
}
