#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Element-wise activations of hidden layers. The derivative is taken from the
/// pre-activation `z` and the output `a`, whichever is cheaper.
public enum Activation: String, CaseIterable, Codable, Sendable {
    case relu, tanh, sigmoid, leaky_relu, linear

    /// Keras 3's `leaky_relu` default slope.
    public static let leakySlope = 0.2

    @inline(__always)
    public func apply(_ z: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? z : 0
        case .tanh: return hyperbolicTangent(z)
        case .sigmoid: return Activation.sigmoid(z)
        case .leaky_relu: return z > 0 ? z : Activation.leakySlope * z
        case .linear: return z
        }
    }

    @inline(__always)
    public func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? 1 : 0
        case .tanh: return 1 - a * a
        case .sigmoid: return a * (1 - a)
        case .leaky_relu: return z > 0 ? 1 : Activation.leakySlope
        case .linear: return 1
        }
    }

    /// A sigmoid that never overflows `exp`.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}

/// At file scope `tanh` means the C function, not the case above.
@inline(__always) private func hyperbolicTangent(_ z: Double) -> Double { tanh(z) }
