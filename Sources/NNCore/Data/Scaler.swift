/// StandardScaler: per-feature mean and population standard deviation, fit on
/// the training rows and applied to any rows. A constant feature keeps scale 1.
public struct Scaler: Equatable, Sendable {
    public var mean: [Double]
    public var scale: [Double]

    public init(mean: [Double], scale: [Double]) {
        self.mean = mean
        self.scale = scale
    }

    /// Leaves values unchanged (`scale=off`).
    public static func identity(features: Int) -> Scaler {
        Scaler(mean: Array(repeating: 0, count: features), scale: Array(repeating: 1, count: features))
    }

    public static func fit(_ x: [Double], features d: Int) -> Scaler {
        let n = x.count / d
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += x[i * d + j] } }
        for j in 0..<d { mean[j] /= Double(max(n, 1)) }
        var variance = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { let e = x[i * d + j] - mean[j]; variance[j] += e * e } }
        let scale = variance.map { v -> Double in
            let s = (v / Double(max(n, 1))).squareRoot()
            return s > 0 ? s : 1
        }
        return Scaler(mean: mean, scale: scale)
    }

    public func transform(_ x: [Double]) -> [Double] {
        let d = mean.count
        var out = x
        for k in out.indices { out[k] = (out[k] - mean[k % d]) / scale[k % d] }
        return out
    }
}
