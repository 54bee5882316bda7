/// What one hidden unit does on some points: whether it is dead, and which way it pushes the output.
public struct UnitSummary: Equatable, Sendable {
    /// 1 for the first hidden layer.
    public var layer: Int
    /// 1 for the layer's first unit.
    public var unit: Int
    /// A ReLU unit whose input is never above 0 on these points: it outputs 0 for all of them and gets no gradient.
    public var dead: Bool
    /// Two classes: the mean over the points of ∂logit/∂(the unit's output), above 0 when more of this unit means
    /// more class 1. Three or more: the largest of `pulls`, the pull toward `toward`.
    public var pull: Double
    /// The class more of this unit pushes toward (two classes: 1 when `pull` ≥ 0, else 0).
    public var toward: Int
    /// Three or more classes: per class c the mean of ∂(logit_c − the mean logit)/∂(the unit's output), which
    /// the softmax turns into more or less of class c (adding the same to every logit changes nothing); they sum
    /// to 0. Empty for two classes.
    public var pulls: [Double]
}

extension Network {
    /// Every hidden unit on the `n` rows of `x`, layer by layer. The pull goes back through the layers above
    /// by the chain rule (the slope of each activation at each point), so a unit two layers down is judged
    /// by what it does to the output, not by one weight; with k ≥ 3 classes once per class. Rows go a slice at
    /// a time (as `logits(_:shouldStop:)`), asking `shouldStop` between slices; nil when it said stop. The sums
    /// run in row order either way.
    public func unitSummaries(_ x: [Double], shouldStop: () -> Bool = { false }) -> [[UnitSummary]]? {
        let n = x.count / inputs, rows = TrainingRun.measuredRows(parameters.count)
        let widths = layers.dropLast().map(\.outputs), heads = outputs
        guard n > 0, !widths.isEmpty else { return [] }
        // sums[c][l][j]: unit j of layer l's pull toward class c (two classes: the one logit's).
        var sums = [[[Double]]](repeating: widths.map { [Double](repeating: 0, count: $0) }, count: heads)
        var alive = widths.map { [Bool](repeating: false, count: $0) }
        var start = 0
        while start < n {
            if shouldStop() { return nil }
            let m = min(rows, n - start)
            accumulate(Array(x[(start * inputs)..<((start + m) * inputs)]), into: &sums, &alive)
            start += m
        }
        return widths.indices.map { l in
            (0..<widths[l]).map { j in
                let dead = layers[l].activation == .relu && !alive[l][j]
                guard heads > 1 else {
                    let pull = sums[0][l][j] / Double(n)
                    return UnitSummary(layer: l + 1, unit: j + 1, dead: dead, pull: pull, toward: pull >= 0 ? 1 : 0, pulls: [])
                }
                let pulls = (0..<heads).map { sums[$0][l][j] / Double(n) }
                let toward = pulls.indices.max { pulls[$0] < pulls[$1] }!
                return UnitSummary(layer: l + 1, unit: j + 1, dead: dead, pull: pulls[toward], toward: toward, pulls: pulls)
            }
        }
    }

    /// Adds each unit's ∂logit/∂a over the rows of `x` to `sums` (per class c with k ≥ 3, of logit_c less the
    /// mean logit), and marks the units whose input is above 0.
    private func accumulate(_ x: [Double], into sums: inout [[[Double]]], _ alive: inout [[Bool]]) {
        let n = x.count / inputs
        let values = hiddenValues(x)
        let out = layers[layers.count - 1], heads = out.outputs
        for c in 0..<heads {
            // ∂logit/∂a for each point and unit of the layer above, starting from the output layer's kernel.
            var upper = [Double](repeating: 0, count: n * out.inputs)
            for j in 0..<out.inputs {
                let row = out.offset + j * heads
                var w = parameters[row + c]
                if heads > 1 { w -= (0..<heads).reduce(0) { $0 + parameters[row + $1] } / Double(heads) }
                for r in 0..<n { upper[r * out.inputs + j] = w }
            }
            for l in stride(from: values.count - 1, through: 0, by: -1) {
                let layer = layers[l], width = layer.outputs, z = values[l].z
                for j in 0..<width {
                    for r in 0..<n {
                        sums[c][l][j] += upper[r * width + j]
                        if z[r * width + j] > 0 { alive[l][j] = true }
                    }
                }
                guard l > 0 else { break }
                // Down one layer: ∂logit/∂a_below = W · (act′(z) ⊙ ∂logit/∂a).
                let a = values[l].a, below = layer.inputs
                var next = [Double](repeating: 0, count: n * below)
                for r in 0..<n {
                    for k in 0..<width {
                        let g = upper[r * width + k] * layer.activation.derivative(z: z[r * width + k], a: a[r * width + k])
                        guard g != 0 else { continue }
                        for i in 0..<below { next[r * below + i] += parameters[layer.offset + i * width + k] * g }
                    }
                }
                upper = next
            }
        }
    }
}
