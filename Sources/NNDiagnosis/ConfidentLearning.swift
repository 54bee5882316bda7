/// Confident learning for two classes (Northcutt, Jiang and Chuang 2021; cleanlab's `find_label_issues` with
/// its default pruning, by noise rate): from out-of-fold probabilities, rows no model saw while judging them,
///  1. each class's threshold is the mean probability of that class over the rows labelled with it;
///  2. the confident joint counts each row under its given label and the class it clears the threshold of
///     (the likelier one when it clears both);
///  3. calibrated to the label counts, its off-diagonal says how many rows of each label are really of the
///     other class;
///  4. that many rows of each label are taken, those with the widest margin for the other class, and any the
///     probabilities still give to their own label are let go.
/// The thresholds adapt to how noisy the labels are, so this keeps finding flips at 30% where a fixed vote
/// count gives out; on clean data it still names rows along the boundary, which is why `LabelNoise` asks for
/// the neighbours' evidence before it believes any.
enum ConfidentLearning {
    /// Positions (in `p1`) of the rows whose label looks wrong. `p1[i]` is P(class 1) for row i from a model
    /// that did not see row i; `y[i]` is its label, 0 or 1.
    static func issues(_ p1: [Double], _ y: [Double]) -> [Int] {
        let n = p1.count
        // Two classes only (more would need a probability per class).
        guard n > 0, y.allSatisfy({ $0 == 0 || $0 == 1 }) else { return [] }
        func p(_ i: Int, _ c: Int) -> Double { c == 1 ? p1[i] : 1 - p1[i] }
        let label = y.map { Int($0) }
        let count = [label.filter { $0 == 0 }.count, label.filter { $0 == 1 }.count]
        guard count[0] > 0, count[1] > 0 else { return [] }
        let threshold = thresholds(p1, y)
        var joint = [[0, 0], [0, 0]]
        for i in 0..<n {
            let clears = [0, 1].filter { p(i, $0) >= threshold[$0] }
            guard let c = clears.max(by: { p(i, $0) < p(i, $1) }) else { continue }
            joint[label[i]][c] += 1
        }
        var found: [Int] = []
        for given in 0...1 {
            let other = 1 - given, row = joint[given][0] + joint[given][1]
            guard row > 0 else { continue }
            // Calibrated: the row's share of the other class times how many carry this label, keeping one at least.
            let prune = min(Int((Double(joint[given][other]) / Double(row) * Double(count[given])).rounded()), count[given] - 1)
            guard prune > 0 else { continue }
            let rows = (0..<n).filter { label[$0] == given }
            let margin = { (i: Int) in p(i, other) - p(i, given) }
            let ranked = rows.sorted { margin($0) > margin($1) }
            // Ties at the cut are all taken, as cleanlab's threshold on the margin does.
            let cut = margin(ranked[prune - 1])
            found += rows.filter { margin($0) >= cut && p($0, other) > p($0, given) }
        }
        return found.sorted()
    }

    /// Each class's threshold: the mean probability of that class over the rows labelled with it (0.5 without any).
    static func thresholds(_ p1: [Double], _ y: [Double]) -> [Double] {
        var count = [0, 0], sum = [0.0, 0.0]
        for (p, label) in zip(p1, y) where label == 0 || label == 1 {
            let c = Int(label)
            count[c] += 1
            sum[c] += c == 1 ? p : 1 - p
        }
        return (0...1).map { count[$0] > 0 ? sum[$0] / Double(count[$0]) : 0.5 }
    }

    /// P(class 1) for each searched row from its `k` nearest neighbours (never itself): the share of them labelled 1.
    static func neighbourProbabilities(_ neighbours: NeighbourLists, k: Int = 15) -> [Double] {
        let y = neighbours.rows.y
        return neighbours.lists.map { list in
            let voters = list.prefix(k)
            return voters.isEmpty ? 0.5 : voters.reduce(0) { $0 + y[$1.index] } / Double(voters.count)
        }
    }
}
