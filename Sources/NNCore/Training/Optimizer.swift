import NNKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One update of all parameters from their gradients. Formulas follow Keras 3.
public protocol Optimizer: Sendable {
    var kind: OptimizerKind { get }
    /// Settable so that a schedule can change it between steps.
    var learningRate: Double { get set }
    mutating func step(_ p: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ count: Int)
}

public enum OptimizerKind: String, CaseIterable, Codable, Sendable {
    case adam, sgd, momentum, rmsprop

    public func make(learningRate lr: Double, parameterCount n: Int) -> any Optimizer {
        switch self {
        case .sgd: return SGD(learningRate: lr)
        case .momentum: return Momentum(learningRate: lr, velocity: Array(repeating: 0, count: n))
        case .rmsprop: return RMSprop(learningRate: lr, average: Array(repeating: 0, count: n))
        case .adam: return Adam(learningRate: lr, m: Array(repeating: 0, count: n), v: Array(repeating: 0, count: n))
        }
    }
}

/// w ← w − lr·g
public struct SGD: Optimizer {
    public var kind: OptimizerKind { .sgd }
    public var learningRate: Double
    public mutating func step(_ p: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ count: Int) {
        for k in 0..<count { p[k] -= learningRate * g[k] }
    }
}

/// Keras `SGD(momentum=0.9)`: (1) v ← 0.9·v − lr·g, (2) w ← w + v.
public struct Momentum: Optimizer {
    public var kind: OptimizerKind { .momentum }
    public var learningRate: Double
    public let momentum = 0.9
    var velocity: [Double]
    public mutating func step(_ p: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ count: Int) {
        velocity.withUnsafeMutableBufferPointer { v in
            for k in 0..<count {
                v[k] = momentum * v[k] - learningRate * g[k]
                p[k] += v[k]
            }
        }
    }
}

/// Keras `RMSprop(rho=0.9, epsilon=1e-7)`: (1) s ← ρ·s + (1−ρ)·g², (2) w ← w − lr·g/(√s + ε).
public struct RMSprop: Optimizer {
    public var kind: OptimizerKind { .rmsprop }
    public var learningRate: Double
    public let rho = 0.9, epsilon = 1e-7
    var average: [Double]
    public mutating func step(_ p: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ count: Int) {
        average.withUnsafeMutableBufferPointer { s in
            for k in 0..<count {
                s[k] = rho * s[k] + (1 - rho) * g[k] * g[k]
                p[k] -= learningRate * g[k] / (s[k].squareRoot() + epsilon)
            }
        }
    }
}

/// Keras `Adam(beta_1=0.9, beta_2=0.999, epsilon=1e-7)`: (1) m ← m + (g − m)(1 − β1),
/// (2) v ← v + (g² − v)(1 − β2), (3) w ← w − α·m/(√v + ε) with the bias correction
/// folded into the step size, α = lr·√(1 − β2ᵗ)/(1 − β1ᵗ).
public struct Adam: Optimizer {
    public var kind: OptimizerKind { .adam }
    public var learningRate: Double
    public let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7
    var m: [Double], v: [Double]
    var t = 0
    public mutating func step(_ p: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ count: Int) {
        t += 1
        let alpha = learningRate * (1 - pow(beta2, Double(t))).squareRoot() / (1 - pow(beta1, Double(t)))
        // NNKernels' nn_adam: these formulas, eight parameters at a time.
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                nn_adam(p, g, m.baseAddress!, v.baseAddress!, count, alpha, 1 - beta1, 1 - beta2, epsilon)
            }
        }
    }
}
