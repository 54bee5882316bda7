import NNCore

/// Test labels that look wrong, for the error budget: a model right about the truth still misses them. Looked for
/// only where label noise doubts training labels (evidence that the labels are noisy at all; the test labels of a
/// generated set are never flipped). Each test point gets each class's probability from its 15 nearest training rows
/// among the features that carry the classes (standardised as the training rows, the doubted rows left out), and its
/// label is doubted as confident learning doubts a training label: the likeliest other class clears its threshold (set
/// on the training rows) and is likelier than the label.
struct WrongTestLabels {
    static let k = 15
    /// Test rows looked at, at most (a seeded sample beyond), and distance terms computed, at most.
    static let rows = 1000, work = 200_000_000

    let doubted: Int, of: Int
    var share: Double { Double(doubted) / Double(max(of, 1)) }

    /// nil without doubted training labels, without test rows, or past the work limit.
    init?(_ context: DiagnosisContext) {
        guard context.spec == nil, let training = context.doubtedLabels, training.thresholds.count == context.classes else { return nil }
        let classes = context.classes
        let data = context.data, d = data.inputs.features
        let kept = context.relevantFeatures?.features ?? Array(0..<d)
        var tests = data.split.test
        if tests.count > Self.rows {
            var rng = RandomState(seed: 0)
            tests = rng.permutation(tests.count).prefix(Self.rows).map { tests[$0] }
        }
        let left = Set(training.positions)
        let voters = data.split.train.indices.filter { !left.contains($0) }
        guard !tests.isEmpty, voters.count > Self.k, tests.count * voters.count * kept.count <= Self.work else { return nil }
        let train = data.inputs.gather(data.split.train), scaler = Scaler.fit(train.x, features: d)
        func standard(_ x: [Double]) -> [Double] {
            let all = scaler.transform(x)
            return (0..<(x.count / d)).flatMap { i in kept.map { all[i * d + $0] } }
        }
        let x = standard(train.x), w = kept.count
        let test = data.inputs.gather(tests), tx = standard(test.x)
        var doubted = 0
        for t in 0..<tests.count {
            var nearest: [(distance: Double, label: Double)] = []
            for r in voters {
                var dd = 0.0
                for f in 0..<w { let e = tx[t * w + f] - x[r * w + f]; dd += e * e }
                if nearest.count == Self.k, dd >= nearest[Self.k - 1].distance { continue }
                let at = nearest.firstIndex { $0.distance > dd } ?? nearest.count
                nearest.insert((dd, train.y[r]), at: at)
                if nearest.count > Self.k { nearest.removeLast() }
            }
            var votes = [Int](repeating: 0, count: classes)
            for n in nearest { votes[Int(n.label)] += 1 }
            let label = Int(test.y[t])
            guard (0..<classes).contains(label) else { continue }
            let other = (0..<classes).filter { $0 != label }.max { votes[$0] < votes[$1] }!
            let p = Double(votes[other]) / Double(nearest.count)
            if p >= training.thresholds[other], votes[other] > votes[label] { doubted += 1 }
        }
        self.doubted = doubted
        of = tests.count
    }
}
