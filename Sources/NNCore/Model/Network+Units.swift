/// What one hidden unit does on some points: whether it is dead, and which way it pushes the output.
public struct UnitSummary: Equatable, Sendable {
    /// 1 for the first hidden layer.
    public var layer: Int
    /// 1 for the layer's first unit.
    public var unit: Int
    /// A ReLU unit whose input is never above 0 on these points: it outputs 0 for all of them and gets no gradient.
    public var dead: Bool
    /// The mean over the points of ∂logit/∂(the unit's output): above 0, more of this unit means more class 1.
    public var pull: Double
}

extension Network {
    /// Every hidden unit on the `n` rows of `x`, layer by layer. The pull goes back through the layers above
    /// by the chain rule (the slope of each activation at each point), so a unit two layers down is judged
    /// by what it does to the output, not by one weight. Rows go a slice at a time (as `logits(_:shouldStop:)`),
    /// asking `shouldStop` between slices; nil when it said stop. The sums run in row order either way.
    public func unitSummaries(_ x: [Double], shouldStop: () -> Bool = { false }) -> [[UnitSummary]]? {
        let n = x.count / inputs, rows = TrainingRun.measuredRows(parameters.count)
        let widths = layers.dropLast().map(\.outputs)
        guard n > 0, !widths.isEmpty else { return [] }
        var sums = widths.map { [Double](repeating: 0, count: $0) }
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
                UnitSummary(layer: l + 1, unit: j + 1, dead: layers[l].activation == .relu && !alive[l][j],
                            pull: sums[l][j] / Double(n))
            }
        }
    }

    /// Adds each unit's ∂logit/∂a over the rows of `x` to `sums`, and marks the units whose input is above 0.
    private func accumulate(_ x: [Double], into sums: inout [[Double]], _ alive: inout [[Bool]]) {
        let n = x.count / inputs
        let values = hiddenValues(x)
        // ∂logit/∂a for each point and unit of the layer above, starting from the output layer's kernel.
        let out = layers[layers.count - 1]
        var upper = [Double](repeating: 0, count: n * out.inputs)
        for r in 0..<n { for j in 0..<out.inputs { upper[r * out.inputs + j] = parameters[out.offset + j] } }
        for l in stride(from: values.count - 1, through: 0, by: -1) {
            let layer = layers[l], width = layer.outputs, z = values[l].z
            for j in 0..<width {
                for r in 0..<n {
                    sums[l][j] += upper[r * width + j]
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
