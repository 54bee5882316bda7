/// A piece of a level line, with ends in plot fractions (0...1).
typealias ContourSegment = (from: (x: Double, y: Double), to: (x: Double, y: Double))

extension ProbabilityGrid {
    /// The line where P(class 1) = `level`, by marching squares: segments with ends in plot fractions (0...1).
    func contour(at level: Double = 0.5) -> [ContourSegment] {
        var segments: [ContourSegment] = []
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                segments += Self.cellSegments(Self.corners(i, j).map { node($0.0, $0.1) }, i, j,
                                              columns: columns, rows: rows, level: level)
            }
        }
        return segments
    }

    /// The cell's corners counter-clockwise from the bottom left; edge k runs from corner k to corner k+1.
    static func corners(_ i: Int, _ j: Int) -> [(Int, Int)] { [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)] }

    /// Where the level line crosses one cell, given the values `v` at its `corners`.
    static func cellSegments(_ v: [Double], _ i: Int, _ j: Int, columns: Int, rows: Int, level: Double) -> [ContourSegment] {
        let corners = Self.corners(i, j)
        var crossings: [(x: Double, y: Double)] = []
        for k in 0..<4 where (v[k] >= level) != (v[(k + 1) % 4] >= level) {
            let t = (level - v[k]) / (v[(k + 1) % 4] - v[k])
            let (a, b) = (corners[k], corners[(k + 1) % 4])
            crossings.append((x: (Double(a.0) + t * Double(b.0 - a.0)) / Double(columns - 1),
                              y: (Double(a.1) + t * Double(b.1 - a.1)) / Double(rows - 1)))
        }
        if crossings.count == 2 { return [(crossings[0], crossings[1])] }
        guard crossings.count == 4 else { return [] }
        // A saddle: the centre decides which pair of opposite corners the level line cuts off.
        let centre = v.reduce(0, +) / 4
        let pairs = (centre >= level) == (v[0] >= level) ? [(0, 1), (2, 3)] : [(1, 2), (3, 0)]
        return pairs.map { (crossings[$0.0], crossings[$0.1]) }
    }
}
