/// Points with binary labels, stored row-major in one contiguous buffer.
public struct Dataset: Equatable, Sendable {
    /// Feature values, `count × features`, row-major, raw (unscaled).
    public var x: [Double]
    /// Labels, 0 or 1.
    public var y: [Int]
    public let features: Int
    /// Column names, used by CSV export and loading.
    public var featureNames: [String]

    public init(x: [Double], y: [Int], features: Int, featureNames: [String]? = nil) {
        precondition(features > 0 && x.count == y.count * features, "x must hold count × features values")
        self.x = x
        self.y = y
        self.features = features
        self.featureNames = featureNames ?? (1...features).map { "x\($0)" }
    }

    public var count: Int { y.count }

    public func row(_ i: Int) -> ArraySlice<Double> { x[(i * features)..<((i + 1) * features)] }

    /// How many points carry each label: `[class 0, class 1]`.
    public var classCounts: [Int] { counts(of: Array(0..<count)) }

    public func counts(of indices: [Int]) -> [Int] {
        var c = [0, 0]
        for i in indices { c[y[i]] += 1 }
        return c
    }

    /// The rows at `indices`, in that order, as one contiguous buffer.
    public func gather(_ indices: [Int]) -> (x: [Double], y: [Double]) {
        var xs = [Double](); xs.reserveCapacity(indices.count * features)
        var ys = [Double](); ys.reserveCapacity(indices.count)
        for i in indices {
            xs.append(contentsOf: row(i))
            ys.append(Double(y[i]))
        }
        return (xs, ys)
    }
}
