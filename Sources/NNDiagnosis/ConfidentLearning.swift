/// Confident learning (Northcutt, Jiang and Chuang 2021; cleanlab's `find_label_issues` with its default pruning,
/// by noise rate): from out-of-fold probabilities, rows no model saw while judging them,
///  1. each class's threshold is the mean probability of that class over the rows labelled with it;
///  2. the confident joint counts each row under its given label and the class it clears the threshold of
///     (the likeliest one when it clears several);
///  3. calibrated to the label counts, its off-diagonal says how many rows of each label are really of each
///     other class;
///  4. for each label and each other class, that many rows of the label are taken, those with the widest margin
///     for that class over their own, and any the probabilities still give to their own label are let go.
/// The thresholds adapt to how noisy the labels are, so this keeps finding flips at 30% where a fixed vote
/// count gives out; on clean data it still names rows along the boundary, which is why `LabelNoise` asks for
/// the neighbours' evidence before it believes any.
enum ConfidentLearning {
    /// Rows whose label looks wrong (positions, ascending), each with the class it most likely belongs to (the likeliest
    /// other than its label). `probabilities` holds, row after row, the `classes` probabilities of each row from a model
    /// that did not see it; `labels` the given labels, 0 to classes − 1.
    static func issues(_ probabilities: [Double], _ labels: [Int], classes k: Int) -> [(position: Int, suspected: Int)] {
        let n = labels.count
        guard n > 0, k >= 2, probabilities.count == n * k, labels.allSatisfy({ (0..<k).contains($0) }) else { return [] }
        func p(_ i: Int, _ c: Int) -> Double { probabilities[i * k + c] }
        var count = [Int](repeating: 0, count: k)
        for label in labels { count[label] += 1 }
        guard count.filter({ $0 > 0 }).count >= 2 else { return [] }
        let threshold = thresholds(probabilities, labels, classes: k)
        var joint = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for i in 0..<n {
            let clears = (0..<k).filter { p(i, $0) >= threshold[$0] }
            guard let c = clears.max(by: { p(i, $0) < p(i, $1) }) else { continue }
            joint[labels[i]][c] += 1
        }
        /// The likeliest class other than row i's label, when it is likelier than the label.
        func likelier(_ i: Int) -> Int? {
            let given = labels[i]
            let best = (0..<k).filter { $0 != given }.max { p(i, $0) < p(i, $1) }!
            return p(i, best) > p(i, given) ? best : nil
        }
        var found = Set<Int>()
        for given in 0..<k where count[given] > 1 {
            let row = joint[given].reduce(0, +)
            guard row > 0 else { continue }
            // Calibrated: the row's share of each other class times how many carry this label; one row of the
            // label is always kept, so a cut that would take them all is scaled down.
            var prune = (0..<k).map { j in j == given ? 0 : Int((Double(joint[given][j]) / Double(row) * Double(count[given])).rounded()) }
            let total = prune.reduce(0, +)
            if total > count[given] - 1 {
                prune = prune.map { Int(Double($0 * (count[given] - 1)) / Double(total)) }
            }
            let rows = (0..<n).filter { labels[$0] == given }
            for other in 0..<k where prune[other] > 0 {
                let margin = { (i: Int) in p(i, other) - p(i, given) }
                let ranked = rows.sorted { margin($0) > margin($1) }
                // Ties at the cut are all taken, as cleanlab's threshold on the margin does.
                let cut = margin(ranked[prune[other] - 1])
                found.formUnion(rows.filter { margin($0) >= cut && likelier($0) != nil })
            }
        }
        return found.sorted().map { ($0, likelier($0)!) }
    }

    /// Two classes: positions (in `p1`) of the rows whose label looks wrong. `p1[i]` is P(class 1) for row i from a model
    /// that did not see row i; `y[i]` is its label, 0 or 1.
    static func issues(_ p1: [Double], _ y: [Double]) -> [Int] {
        guard y.allSatisfy({ $0 == 0 || $0 == 1 }) else { return [] }
        return issues(p1.flatMap { [1 - $0, $0] }, y.map { Int($0) }, classes: 2).map(\.position)
    }

    /// Each class's threshold: the mean probability of that class over the rows labelled with it (0.5 without any
    /// with two classes, 1/k with k).
    static func thresholds(_ probabilities: [Double], _ labels: [Int], classes k: Int) -> [Double] {
        var count = [Int](repeating: 0, count: k), sum = [Double](repeating: 0, count: k)
        for (i, c) in labels.enumerated() where (0..<k).contains(c) {
            count[c] += 1
            sum[c] += probabilities[i * k + c]
        }
        return (0..<k).map { count[$0] > 0 ? sum[$0] / Double(count[$0]) : 1 / Double(k) }
    }

    /// Two classes: the thresholds from P(class 1).
    static func thresholds(_ p1: [Double], _ y: [Double]) -> [Double] {
        thresholds(p1.flatMap { [1 - $0, $0] }, y.map { $0 == 0 || $0 == 1 ? Int($0) : -1 }, classes: 2)
    }

    /// P(class 1) for each searched row from its `k` nearest neighbours (never itself): the share of them labelled 1.
    static func neighbourProbabilities(_ neighbours: NeighbourLists, k: Int = 15) -> [Double] {
        let y = neighbours.rows.y
        return neighbours.lists.map { list in
            let voters = list.prefix(k)
            return voters.isEmpty ? 0.5 : voters.reduce(0) { $0 + y[$1.index] } / Double(voters.count)
        }
    }

    /// With `classes` classes: for each searched row, the share of its `k` nearest neighbours in each class, row after row.
    static func neighbourProbabilities(_ neighbours: NeighbourLists, classes: Int, k: Int = 15) -> [Double] {
        let y = neighbours.rows.y
        return neighbours.lists.flatMap { list in
            let voters = list.prefix(k)
            var share = [Double](repeating: voters.isEmpty ? 1 / Double(classes) : 0, count: classes)
            for v in voters { share[Int(y[v.index])] += 1 / Double(voters.count) }
            return share
        }
    }
}
