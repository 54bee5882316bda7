#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input of the model made from the raw columns (TensorFlow Playground's feature crosses):
/// a column, its square, the product of two columns, or the sine of one.
public enum FeatureTerm: Hashable, Codable, Sendable {
    case column(Int)
    case square(Int)
    case product(Int, Int)
    case sine(Int)

    /// As the learner types it, from the column names: `x1`, `x1^2`, `x1*x2`, `sin(x1)`.
    public func name(_ columns: [String]) -> String {
        switch self {
        case .column(let i): return columns[i]
        case .square(let i): return columns[i] + "^2"
        case .product(let i, let j): return columns[i] + "*" + columns[j]
        case .sine(let i): return "sin(" + columns[i] + ")"
        }
    }

    /// The columns it reads.
    public var columns: [Int] {
        switch self {
        case .column(let i), .square(let i), .sine(let i): return [i]
        case .product(let i, let j): return [i, j]
        }
    }

    @inline(__always)
    func value(_ row: ArraySlice<Double>) -> Double {
        let s = row.startIndex
        switch self {
        case .column(let i): return row[s + i]
        case .square(let i): return row[s + i] * row[s + i]
        case .product(let i, let j): return row[s + i] * row[s + j]
        case .sine(let i): return sin(row[s + i])
        }
    }

    /// Every term of `columns` columns, in the order a learner reads them: the columns, their squares,
    /// the products of two, the sines (`x1 x2 x1^2 x2^2 x1*x2 sin(x1) sin(x2)` for two).
    public static func all(columns d: Int) -> [FeatureTerm] {
        (0..<d).map { .column($0) } + (0..<d).map { .square($0) }
            + (0..<d).flatMap { i in ((i + 1)..<max(d, i + 1)).map { .product(i, $0) } } + (0..<d).map { .sine($0) }
    }

    /// `dataset` with these terms as its columns, computed from its raw values, named as typed.
    public static func expand(_ dataset: Dataset, _ terms: [FeatureTerm]) -> Dataset {
        var x = [Double]()
        x.reserveCapacity(dataset.count * terms.count)
        for r in 0..<dataset.count {
            let row = dataset.row(r)
            for t in terms { x.append(t.value(row)) }
        }
        return Dataset(x: x, y: dataset.y, features: terms.count, featureNames: terms.map { $0.name(dataset.featureNames) },
                       classNames: dataset.classNames)
    }
}
