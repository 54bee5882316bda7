#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keras `BatchNormalization()` over one hidden layer's dense outputs: `u = γ·(z − μ)/√(σ² + ε) + β`,
/// with the mini-batch's own mean and (population) variance in training and the running ones at
/// evaluation. Its values sit in the network's parameter buffer at `offset`: γ, β, then the running
/// mean and variance, which get no gradient (every optimizer leaves a parameter with a zero gradient
/// where it is), so snapshots, save files and equality carry them with the weights.
public struct BatchNorm: Sendable {
    public let units: Int
    public let offset: Int
    /// Keras' defaults.
    public static let momentum = 0.99, epsilon = 1e-3

    public var parameterCount: Int { 4 * units }
    var gamma: Int { offset }
    var beta: Int { offset + units }
    public var runningMean: Int { offset + 2 * units }
    public var runningVariance: Int { offset + 3 * units }

    /// γ = 1, β = 0, running mean 0 and variance 1, as Keras starts them.
    func initialize(_ p: inout [Double]) {
        for j in 0..<units {
            p[gamma + j] = 1; p[beta + j] = 0
            p[runningMean + j] = 0; p[runningVariance + j] = 1
        }
    }

    /// The per-unit scale and shift evaluation applies: `u = z·scale + shift`.
    public func inference(_ p: UnsafePointer<Double>, unit j: Int) -> (scale: Double, shift: Double) {
        let scale = p[gamma + j] / (p[runningVariance + j] + Self.epsilon).squareRoot()
        return (scale, p[beta + j] - p[runningMean + j] * scale)
    }

    /// Normalises the `n × units` values `z` into `u`. With `batch`, from the rows' own statistics, which
    /// it keeps (with the normalised values) for `backward` and the running averages; else from the running ones.
    func forward(_ p: UnsafePointer<Double>, z: UnsafePointer<Double>, n: Int, u: UnsafeMutablePointer<Double>, batch: Statistics?) {
        guard let batch else {
            for j in 0..<units {
                let (scale, shift) = inference(p, unit: j)
                for r in 0..<n { u[r * units + j] = z[r * units + j] * scale + shift }
            }
            return
        }
        for j in 0..<units {
            var mean = 0.0
            for r in 0..<n { mean += z[r * units + j] }
            mean /= Double(n)
            var variance = 0.0
            for r in 0..<n { let d = z[r * units + j] - mean; variance += d * d }
            variance /= Double(n)
            let inverse = 1 / (variance + Self.epsilon).squareRoot()
            batch.mean[j] = mean; batch.variance[j] = variance; batch.inverse[j] = inverse
            for r in 0..<n {
                let k = r * units + j, normal = (z[k] - mean) * inverse
                batch.normal[k] = normal
                u[k] = p[gamma + j] * normal + p[beta + j]
            }
        }
    }

    /// Given the gradient with respect to `u` in `d` (`n × units`), adds those of γ and β into `g` and
    /// turns `d`, in place, into the gradient with respect to `z` through the batch statistics.
    func backward(_ p: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>, d: UnsafeMutablePointer<Double>,
                  n: Int, batch: Statistics) {
        for j in 0..<units {
            var sum = 0.0, dot = 0.0
            for r in 0..<n { let k = r * units + j; sum += d[k]; dot += d[k] * batch.normal[k] }
            g[beta + j] += sum
            g[gamma + j] += dot
            // ∂z = γ/(n·σ)·(n·∂u − Σ∂u − x̂·Σ(∂u·x̂))
            let factor = p[gamma + j] * batch.inverse[j] / Double(n)
            for r in 0..<n {
                let k = r * units + j
                d[k] = factor * (Double(n) * d[k] - sum - batch.normal[k] * dot)
            }
        }
    }

    /// Keras' update of the running statistics from the last training batch.
    func updateRunning(_ p: UnsafeMutablePointer<Double>, batch: Statistics) {
        for j in 0..<units {
            p[runningMean + j] = p[runningMean + j] * Self.momentum + batch.mean[j] * (1 - Self.momentum)
            p[runningVariance + j] = p[runningVariance + j] * Self.momentum + batch.variance[j] * (1 - Self.momentum)
        }
    }

    /// One mini-batch's statistics and normalised values, kept from forward for backward.
    final class Statistics {
        let mean, variance, inverse: UnsafeMutablePointer<Double>
        let normal: UnsafeMutablePointer<Double>

        init(units: Int, capacity: Int) {
            mean = .allocate(capacity: units); variance = .allocate(capacity: units); inverse = .allocate(capacity: units)
            normal = .allocate(capacity: units * capacity)
        }

        deinit { [mean, variance, inverse, normal].forEach { $0.deallocate() } }
    }
}
