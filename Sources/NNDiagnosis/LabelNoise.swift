import NNCore

/// Training points whose label disagrees with nearly all their nearest neighbours: likely
/// mislabelled. A k-NN take on confident learning, tuned on flipped labels (see `suspects`).
public struct LabelNoise: Analyzer {
    /// See `suspects`. kNN-15 with a plain majority flagged 2–9 points per clean set, and the vote
    /// alone flagged the points of a rare class; measured figures are in LabelNoiseTests.
    static let k = 7, agreeing = 5
    /// Fewer suspects than this are what ordinary noise puts on the wrong side of a boundary.
    static let minimum = 4
    /// On data from a file, suspects must be at least this share of the rows (see `analyze`).
    static let loadedShare = 0.02

    public init() {}
    public var ids: [String] { ["label-noise"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let neighbours = context.relevantNeighbours, rows = neighbours.rows
        let suspects = Self.suspects(neighbours)
        guard suspects.count >= Self.minimum else { return [] }
        // Points that noise alone carries across the best boundary look mislabelled too: on generated
        // data their number is known, and three times that many are needed before blaming the labels.
        if context.spec != nil, Double(suspects.count) < 3 * context.facts.bayes.value * Double(rows.count) {
            return []
        }
        // Data from a file: flipped labels sit alone among the other class, so they are most of the rows the
        // neighbours misjudge; where classes overlap, most misjudged rows sit in a mix and few are suspects. And a
        // handful of rows along a sharp boundary is not a pattern. Measured on HeldOutScenarioTests: rings in 2 of
        // 6–30 features flagged 4–6 boundary rows of 300 (under 2%), Gaussians overlapping by 7–31% flagged fewer
        // suspects than half their misjudged rows.
        if context.spec == nil, let relevant = context.relevantFeatures {
            let misjudged = Double(relevant.wrong) / Double(relevant.of) * Double(rows.count)
            if Double(suspects.count) < max(Self.loadedShare * Double(rows.count), 0.5 * misjudged) { return [] }
        }

        let points = suspects.map { rows.indices[$0] }.sorted()
        let checked = neighbours.searched.count
        let share = Double(suspects.count) / Double(checked)
        // On a sample the count is of the rows searched, and the share estimates the whole set's.
        let sample = neighbours.sampled ? " (of a random sample of \(checked) training points checked)" : ""
        let predictions = context.trainPredictions
        let followed = suspects.filter { predictions[$0] == rows.y[$0] }.count
        var evidence = [
            Evidence("suspect_labels", Double(suspects.count),
                     "\(suspects.count) training labels\(sample) (\(Format.percent(share))) disagree with at least "
                        + "\(Self.agreeing) of their \(Self.k) nearest neighbours, and their own class is far off"),
            Evidence("model_follows", Double(followed),
                     "the model goes along with \(followed) of these labels and overrules \(suspects.count - followed)"),
        ]
        if !context.flipped.isEmpty {
            let found = Set(points).intersection(context.flipped).count
            let of = found == context.flipped.count ? "all" : "\(found) of the"
            evidence.append(Evidence("flipped_found", Double(found) / Double(context.flipped.count),
                                     "\(of) \(context.flipped.count) labels flipped on purpose are among them"))
        }
        var fixes: [Fix] = []
        if let spec = context.spec, spec.flip > 0 { fixes.append(.data(spec) { $0.flip = 0 }) }
        return [Finding(
            id: "label-noise", severity: .warning,
            headline: "\(suspects.count) training labels look wrong for where their points lie",
            evidence: evidence,
            why: "Each of these points sits among points of the other class, so its label is probably a mistake "
                + "(or the classes overlap there). A model that fits them bends its boundary around single points, "
                + "which costs accuracy on new data; one that ignores them loses training accuracy it cannot get back.",
            fixes: fixes, points: points)]
    }

    /// Rows (positions in `rows`) that look mislabelled, by two tests that must both hold:
    /// at least `agreeing` of the `k` nearest neighbours carry the other label, and the second-nearest
    /// point with the same label is at least `apart` times as far as the second-nearest with the other
    /// label (a nearest-neighbour density ratio: a rare class may be sparser, by √(its shortfall), so
    /// that its points are not blamed for having the common class close by). Repeated with the
    /// suspects left out of everyone's neighbours until nothing changes, so that a mislabelled point
    /// stops vouching for its mislabelled neighbours. Only the rows `neighbours` searched are judged
    /// (all of them unless the search was sampled).
    static func suspects(_ neighbours: NeighbourLists) -> [Int] {
        let rows = neighbours.rows, n = rows.count
        guard n > 2 * k else { return [] }
        // 32 candidates (`NeighbourLists.depth`): enough for k voters and, where the same label is not
        // among them, a lower bound on its distance.
        let ones = rows.y.reduce(0, +), counts = [Double(n) - ones, ones]
        func looksWrong(_ i: Int, _ candidates: [(index: Int, distance: Double)], _ flagged: [Bool]) -> Bool {
            let label = rows.y[i]
            let voters = candidates.filter { !flagged[$0.index] }
            guard voters.count >= k, voters.prefix(k).filter({ rows.y[$0.index] != label }).count >= agreeing,
                  let other = voters.lazy.filter({ rows.y[$0.index] != label }).dropFirst().first
            else { return false }
            let same = voters.lazy.filter { rows.y[$0.index] == label }.dropFirst().first ?? voters.last!
            let apart = 1.5 * max(1, counts[1 - Int(label)] / counts[Int(label)]).squareRoot()
            return same.distance >= apart * apart * other.distance   // squared distances
        }
        var flagged = [Bool](repeating: false, count: n)
        for _ in 0..<10 {
            var next = [Bool](repeating: false, count: n)
            for (i, candidates) in zip(neighbours.searched, neighbours.lists) { next[i] = looksWrong(i, candidates, flagged) }
            if next == flagged { break }
            flagged = next
        }
        return flagged.indices.filter { flagged[$0] }
    }
}
