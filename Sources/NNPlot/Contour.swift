extension ProbabilityGrid {
    /// The line where P(class 1) = `level`, by marching squares: segments with ends in plot fractions (0...1).
    func contour(at level: Double = 0.5) -> [(from: (x: Double, y: Double), to: (x: Double, y: Double))] {
        var segments: [(from: (x: Double, y: Double), to: (x: Double, y: Double))] = []
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                // Corners counter-clockwise from the bottom left; edge k runs from corner k to corner k+1.
                let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                let v = corners.map { node($0.0, $0.1) }
                var crossings: [(x: Double, y: Double)] = []
                for k in 0..<4 where (v[k] >= level) != (v[(k + 1) % 4] >= level) {
                    let t = (level - v[k]) / (v[(k + 1) % 4] - v[k])
                    let (a, b) = (corners[k], corners[(k + 1) % 4])
                    crossings.append((x: (Double(a.0) + t * Double(b.0 - a.0)) / Double(columns - 1),
                                      y: (Double(a.1) + t * Double(b.1 - a.1)) / Double(rows - 1)))
                }
                if crossings.count == 2 {
                    segments.append((crossings[0], crossings[1]))
                } else if crossings.count == 4 {
                    // A saddle: the centre decides which pair of opposite corners the level line cuts off.
                    let centre = v.reduce(0, +) / 4
                    let pairs = (centre >= level) == (v[0] >= level) ? [(0, 1), (2, 3)] : [(1, 2), (3, 0)]
                    for (a, b) in pairs { segments.append((crossings[a], crossings[b])) }
                }
            }
        }
        return segments
    }
}
