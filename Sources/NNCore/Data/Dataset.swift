/// Points with class labels `0..<classes`, stored row-major in one contiguous buffer.
public struct Dataset: Equatable, Sendable {
    /// Feature values, `count × features`, row-major, raw (unscaled).
    public var x: [Double]
    /// Labels, each in `0..<classes`.
    public var y: [Int]
    public let features: Int
    /// Column names, used by CSV export and loading.
    public var featureNames: [String]
    /// What each label stands for: `classNames[c]` is class `c` (`"0"`, `"1"`, … unless the data names them).
    public var classNames: [String]

    /// `classes` defaults to two; `classNames` to the class numbers.
    public init(x: [Double], y: [Int], features: Int, featureNames: [String]? = nil,
                classes: Int = 2, classNames: [String]? = nil) {
        let k = classNames?.count ?? classes
        precondition(features > 0 && x.count == y.count * features, "x must hold count × features values")
        precondition(k >= 2 && y.allSatisfy { (0..<k).contains($0) }, "labels must lie in 0..<classes")
        self.x = x
        self.y = y
        self.features = features
        self.featureNames = featureNames ?? (1...features).map { "x\($0)" }
        self.classNames = classNames ?? (0..<k).map(String.init)
    }

    public var count: Int { y.count }
    /// The number of classes, 2 or more (a class may have no points).
    public var classes: Int { classNames.count }

    public func row(_ i: Int) -> ArraySlice<Double> { x[(i * features)..<((i + 1) * features)] }

    /// How many points carry each label, class 0 first.
    public var classCounts: [Int] { counts(of: Array(0..<count)) }

    public func counts(of indices: [Int]) -> [Int] {
        var c = [Int](repeating: 0, count: classes)
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
