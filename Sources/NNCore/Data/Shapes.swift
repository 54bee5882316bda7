#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each built-in set draws a class by picking a point along a noise-free shape (a ring, an arc, a
/// spiral arm, a blob's centre), evenly in the shape's parameter `t` in `0...shapeEnd`, then adding
/// Gaussian noise. The generators and the class densities below read the same shapes, so the
/// densities are exactly what the generators sample.
extension DataSpec.Kind {
    public var shapeEnd: Double {
        switch self {
        case .circles: return 2 * Double.pi
        case .moons: return Double.pi
        case .xor, .spiral, .blobs, .gauss: return 1
        }
    }

    public func shape(label: Int, at t: Double) -> (x: Double, y: Double) {
        let sign = label == 0 ? -1.0 : 1.0
        switch self {
        case .circles:
            return (Double(1 + label) * cos(t), Double(1 + label) * sin(t))
        case .moons:
            // As scikit-learn writes them (the bits matter for matching its output).
            return label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 1 - sin(t) - 0.5)
        case .xor:
            // The first half of the points at one centre, the second at the opposite one.
            let side = t < 0.5 ? 1.0 : -1.0
            return (side, -sign * side)
        case .spiral:
            let radius = 0.1 + 0.9 * t, angle = 2 * Double.pi * t + Double(label) * Double.pi
            return (radius * cos(angle), radius * sin(angle))
        case .blobs, .gauss:
            return (sign, sign)
        }
    }
}

/// The distribution one class of a generated set is drawn from: a point spread evenly along the
/// class's shape plus Gaussian noise of standard deviation `noise` on each coordinate, in raw
/// (unscaled) coordinates. Knowing it makes the Bayes error computable.
public struct ClassDensity: Equatable, Sendable {
    /// Points evenly spaced along the shape, row-major (x, y): the density with the noise taken out.
    public var shape: [Double]
    public var noise: Double
    /// The class's share of the points.
    public var prior: Double
}

extension DataSpec {
    /// Class 0's and class 1's densities, each shape sampled at `points` values of `t`; the priors
    /// follow `imbalance` (flipped labels are not part of them: they are label noise).
    public func classDensities(points: Int = 2048) -> [ClassDensity] {
        let prior1 = imbalance / (1 + imbalance)
        return (0..<2).map { label in
            let shape = Generators.linspace(0, kind.shapeEnd, points).flatMap { t -> [Double] in
                let p = kind.shape(label: label, at: t)
                return [p.x, p.y]
            }
            return ClassDensity(shape: shape, noise: noise, prior: label == 1 ? prior1 : 1 - prior1)
        }
    }
}
