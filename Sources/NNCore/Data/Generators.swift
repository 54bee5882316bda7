#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Built-in data sets. Each draws from a fresh `RandomState(seed)` in a fixed order,
/// so a seed reproduces the data exactly, as NumPy would.
public enum Generators {
    /// The post's concentric circles: radii 1 (class 0) and 2 (class 1), `n/2`
    /// points each at `linspace(0, 2π, n/2)`, noise drawn inner-x, inner-y, outer-x, outer-y.
    public static func circles(n: Int, noise: Double, seed: UInt32) -> Dataset {
        var rng = RandomState(seed: seed)
        let half = n / 2
        let angles = linspace(0, 2 * Double.pi, half)
        var columns: [[Double]] = []
        for (radius, trig) in [(1.0, cos), (1.0, sin), (2.0, cos), (2.0, sin)] as [(Double, (Double) -> Double)] {
            columns.append(angles.map { radius * trig($0) + rng.normal(loc: 0, scale: noise) })
        }
        var x = [Double](); x.reserveCapacity(2 * 2 * half)
        for ring in 0..<2 {
            for i in 0..<half { x.append(columns[2 * ring][i]); x.append(columns[2 * ring + 1][i]) }
        }
        return Dataset(x: x, y: Array(repeating: 0, count: half) + Array(repeating: 1, count: half), features: 2)
    }

    /// Every kind but two-class circles: `n/k` points per class (class 0 first) at `t = linspace(0, end, n/k)`
    /// along the class's shape, each then moved by `normal(0, noise)` in x and in y, drawn point by point.
    /// For moons and even `n` this is scikit-learn's `make_moons(n, shuffle=False, noise=noise, random_state=seed)`.
    public static func alongShape(_ kind: DataSpec.Kind, classes k: Int = 2, n: Int, noise: Double, seed: UInt32) -> Dataset {
        var rng = RandomState(seed: seed)
        let each = n / k
        var x = [Double](); x.reserveCapacity(2 * k * each)
        for label in 0..<k {
            for t in linspace(0, kind.shapeEnd, each) {
                let p = kind.shape(label: label, of: k, at: t)
                x.append(p.x + rng.normal(loc: 0, scale: noise))
                x.append(p.y + rng.normal(loc: 0, scale: noise))
            }
        }
        return Dataset(x: x, y: (0..<k).flatMap { Array(repeating: $0, count: each) }, features: 2, classes: k)
    }

    /// `np.linspace(start, stop, num)`: `i·step + start`, the last value exactly `stop`.
    public static func linspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
        guard num > 1 else { return num == 1 ? [start] : [] }
        let step = (stop - start) / Double(num - 1)
        var v = (0..<num).map { Double($0) * step + start }
        v[num - 1] = stop
        return v
    }
}
