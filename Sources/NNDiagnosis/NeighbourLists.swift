import NNCore

/// Each training row's nearest neighbours among the standardised training rows, found once per
/// diagnosis and read by every analyzer that needs them (the Bayes error estimate, label noise).
///
/// Exact for every row while the search stays within `workLimit`; past it (tens of thousands of rows
/// in tens of dimensions, where no index can skip much) the rows searched are a random sample, in a
/// fixed order, and the estimates built on them say so with the sample's size.
public struct NeighbourLists {
    /// Neighbours kept per row: label noise reads up to 32, the Bayes estimate 15.
    static let depth = 32
    /// Feature differences one diagnosis may compute: measured in a release build, 1e9 took 0.75 s of CPU on
    /// 20,000 rows of 50 Gaussian features (where the index degrades to a scan: 1,250 rows searched, 2,500 at
    /// this limit), while 20,000 rows of 2 features are searched whole in about 0.1 s.
    static let workLimit = 2_000_000_000
    /// Rows searched between two looks at the stop signal: a few milliseconds of work even at the limit.
    static let pollEvery = 16

    let rows: StandardRows
    /// Positions in `rows` of the rows searched, ascending: all of them unless `sampled`.
    let searched: [Int]
    /// The neighbours of each searched row (positions in `rows`, squared distances), nearest first.
    let lists: [[(index: Int, distance: Double)]]
    /// Interrupted by the stop signal before every row was searched.
    let interrupted: Bool

    /// Only some rows were searched (the work limit or Ctrl-C cut the search short).
    var sampled: Bool { searched.count < rows.count }

    init(_ rows: StandardRows, workLimit: Int = Self.workLimit, shouldStop: () -> Bool = { false }) {
        self.rows = rows
        let n = rows.count, k = min(Self.depth, max(n - 1, 0))
        // Building the index is tens of milliseconds on the largest data: not after a Ctrl-C.
        let index = NeighbourIndex(shouldStop() ? [] : rows.x, features: rows.features)
        // Searched in a seeded random order, so that rows searched before the limit are a fair sample.
        var rng = RandomState(seed: 0)
        var order = Array(0..<n)
        rng.shuffle(&order)
        var found: [(row: Int, list: [(index: Int, distance: Double)])] = []
        var work = 0, stopped = false
        for (done, row) in order.enumerated() {
            if work >= workLimit { break }
            if done % Self.pollEvery == 0, shouldStop() { stopped = true; break }
            found.append((row, index.nearest(k, to: row, in: rows.x, work: &work)))
        }
        found.sort { $0.row < $1.row }
        searched = found.map(\.row)
        lists = found.map(\.list)
        interrupted = stopped
    }
}

extension DiagnosisContext {
    /// The training rows' neighbour lists, searched on first use and then shared.
    var neighbours: NeighbourLists {
        if let lists = shared.neighbours { return lists }
        let lists = NeighbourLists(StandardRows(data), shouldStop: shouldStop)
        shared.neighbours = lists
        return lists
    }
}

extension DiagnosisContext {
    /// The features that carry the classes (`RelevantFeatures`), chosen on first use; nil with fewer than 3
    /// features or when every feature counts.
    var relevantFeatures: (features: [Int], wrong: Int, of: Int)? {
        if let known = shared.relevantFeatures { return known }
        let rows = neighbours.rows
        var found = rows.features >= 3 ? RelevantFeatures.select(rows, k: 15, shouldStop: shouldStop) : nil
        if found?.features.count == rows.features { found = nil }
        shared.relevantFeatures = .some(found)
        return found
    }

    /// Neighbour lists among the features that carry the classes, where there are fewer of those than features:
    /// in 10 features of which 2 matter, a flipped label's nearest neighbours on all features are mostly chance.
    var relevantNeighbours: NeighbourLists {
        guard let kept = relevantFeatures?.features else { return neighbours }
        if let lists = shared.relevantNeighbours { return lists }
        let lists = NeighbourLists(StandardRows(neighbours.rows, keeping: kept), shouldStop: shouldStop)
        shared.relevantNeighbours = lists
        return lists
    }
}

/// What one diagnosis computes once for all its analyzers (the context is a value; this is shared by reference).
final class DiagnosisMemo {
    /// Both splits measured, the Bayes estimate and the loss trend (`RunFacts`).
    var facts: RunFacts?
    var neighbours: NeighbourLists?
    /// The Bayes error estimate of loaded data (`BayesError.loaded`: a separability test and a feature search).
    var bayes: BayesErrorEstimate?
    /// `WellTrained` once asked for: the outer nil is "not run yet", the inner nil "interrupted".
    var wellTrained: WellTrained??
    /// `CrossValidation`, likewise, and the defaults' best (`defaultCrossValidation`).
    var crossValidation: CrossValidation??
    var defaultCrossValidation: CrossValidation??
    /// `OptimisationCause`, likewise.
    var optimisationCause: OptimisationCause??
    /// `CorrectedLabels`, likewise.
    var correctedLabels: CorrectedLabels??
    var relevantFeatures: (features: [Int], wrong: Int, of: Int)??
    var relevantNeighbours: NeighbourLists?
    /// `DoubtedLabels` once asked for: the outer nil is "not looked for yet", the inner nil "no evidence".
    var doubtedLabels: DoubtedLabels??
}
