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

    /// The kinds that come with three classes or more: a spiral arm, a blob, a ring or a half circle per class.
    public var manyClasses: Bool { [.spiral, .blobs, .gauss, .circles, .moons].contains(self) }

    /// Class `label` of `k`. Two classes are `shape(label:at:)`; with more, spiral arms start 2π/k apart,
    /// blob centres sit evenly on a circle (from (−1, −1) on, as far apart as two classes' are, 2√2 between
    /// neighbours), rings have radii 1, 2, 3, ... and moons come in interleaving pairs side by side, each
    /// pair 4 to the right of the one before (about 1 apart: with three classes the third half
    /// circle lies apart, so a straight line splits it off but not either of the interleaving pair).
    public func shape(label: Int, of k: Int, at t: Double) -> (x: Double, y: Double) {
        guard k > 2 else { return shape(label: label, at: t) }
        let turn = 2 * Double.pi * Double(label) / Double(k)
        switch self {
        case .spiral:
            let radius = 0.1 + 0.9 * t, angle = 2 * Double.pi * t + turn
            return (radius * cos(angle), radius * sin(angle))
        case .blobs, .gauss:
            let radius = 2.0.squareRoot() / sin(Double.pi / Double(k)), angle = 5 * Double.pi / 4 + turn
            return (radius * cos(angle), radius * sin(angle))
        case .circles:
            return (Double(1 + label) * cos(t), Double(1 + label) * sin(t))
        case .moons:
            let p = shape(label: label % 2, at: t)
            return (p.x + 4 * Double(label / 2), p.y)
        case .xor:
            preconditionFailure("\(self) has two classes")
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
    /// Each class's density, each shape sampled at `points` values of `t`; the priors follow `imbalance`
    /// (class 0 at 1, every other class at the ratio; flipped labels are not part of them: they are label noise).
    public func classDensities(points: Int = 2048) -> [ClassDensity] {
        // Two classes as always written (1 − π₁ is not always 1/(1 + r) to the last bit).
        let prior1 = imbalance / (1 + imbalance), total = 1 + Double(classes - 1) * imbalance
        let priors = classes == 2 ? [1 - prior1, prior1] : (0..<classes).map { ($0 == 0 ? 1 : imbalance) / total }
        return (0..<classes).map { label in
            let shape = Generators.linspace(0, kind.shapeEnd, points).flatMap { t -> [Double] in
                let p = kind.shape(label: label, of: classes, at: t)
                return [p.x, p.y]
            }
            return ClassDensity(shape: shape, noise: noise, prior: priors[label])
        }
    }
}
