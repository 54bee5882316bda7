/// A model's probability of each of k ≥ 3 classes on one lattice (as `ProbabilityGrid` holds P(class 1)
/// for two): what a k-class decision map is drawn from.
public struct ClassGrid: Sendable, Equatable {
    /// One grid per class, each holding P(that class) at every node.
    public var classes: [ProbabilityGrid]

    /// `values` holds k probabilities per node, node after node, row-major as `ProbabilityGrid` orders them.
    public init(columns: Int, rows: Int, classes k: Int, values: [Double]) {
        precondition(k >= 2 && values.count == columns * rows * k, "k probabilities for each of columns × rows nodes")
        self.classes = (0..<k).map { c in
            ProbabilityGrid(columns: columns, rows: rows, values: stride(from: c, to: values.count, by: k).map { values[$0] })
        }
    }

    var count: Int { classes.count }

    /// Each class's probability, bilinear between nodes; `fx` and `fy` run from 0 to 1 across the plot.
    func probabilities(fx: Double, fy: Double) -> [Double] { classes.map { $0.value(fx: fx, fy: fy) } }

    /// The class the model picks there (the first of equals, as an argmax does).
    func winner(fx: Double, fy: Double) -> Int { Self.argmax(probabilities(fx: fx, fy: fy)) }

    static func argmax(_ p: [Double]) -> Int { p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0 }

    /// The boundary between every pair of classes that meet, as the line where their probabilities are equal,
    /// kept only where those two are the likeliest (elsewhere a third class wins and there is no boundary to draw).
    /// Segments with ends in plot fractions, grouped by pair (a < b).
    func boundaries() -> [(pair: (Int, Int), segments: [ContourSegment])] {
        let first = classes[0], columns = first.columns, rows = first.rows
        var found: [Int: [ContourSegment]] = [:]
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let corners = ProbabilityGrid.corners(i, j)
                let winners = Set(corners.map { c in Self.argmax(classes.map { $0.node(c.0, c.1) }) })
                guard winners.count > 1 else { continue }
                let sorted = winners.sorted()
                for (x, a) in sorted.enumerated() {
                    for b in sorted[(x + 1)...] {
                        let difference = corners.map { classes[a].node($0.0, $0.1) - classes[b].node($0.0, $0.1) }
                        for s in ProbabilityGrid.cellSegments(difference, i, j, columns: columns, rows: rows, level: 0) {
                            let p = probabilities(fx: (s.from.x + s.to.x) / 2, fy: (s.from.y + s.to.y) / 2)
                            let others = p.indices.filter { $0 != a && $0 != b }.map { p[$0] }.max() ?? -1
                            if others < min(p[a], p[b]) { found[a * count + b, default: []].append(s) }
                        }
                    }
                }
            }
        }
        return found.keys.sorted().map { key in ((key / count, key % count), found[key]!) }
    }
}
