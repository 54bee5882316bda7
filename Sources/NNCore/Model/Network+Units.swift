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
    /// by what it does to the output, not by one weight.
    public func unitSummaries(_ x: [Double]) -> [[UnitSummary]] {
        let n = x.count / inputs
        let values = hiddenValues(x)
        guard n > 0, !values.isEmpty else { return [] }
        // ∂logit/∂a for each point and unit of the layer above, starting from the output layer's kernel.
        let out = layers[layers.count - 1]
        var upper = [Double](repeating: 0, count: n * out.inputs)
        for r in 0..<n { for j in 0..<out.inputs { upper[r * out.inputs + j] = parameters[out.offset + j] } }
        var summaries = [[UnitSummary]](repeating: [], count: values.count)
        for l in stride(from: values.count - 1, through: 0, by: -1) {
            let layer = layers[l], width = layer.outputs, z = values[l].z
            summaries[l] = (0..<width).map { j in
                var sum = 0.0, alive = false
                for r in 0..<n {
                    sum += upper[r * width + j]
                    if z[r * width + j] > 0 { alive = true }
                }
                return UnitSummary(layer: l + 1, unit: j + 1, dead: layer.activation == .relu && !alive, pull: sum / Double(n))
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
        return summaries
    }
}
