import NNKernels

/// A fully connected layer `a = act(x·W + b)`. Its weights live in the network's
/// one flat parameter buffer: W (`inputs × outputs`, row-major like a Keras
/// kernel) at `offset`, then b. `forward` keeps `z` and `a`; `backward`, right
/// below it, turns the gradient of `z` into the gradients of W, b and the layer below.
///
/// The matrix products are NNKernels' register-blocked C kernels, for AVX-512, AVX2 or
/// baseline x86-64 as the CPU allows; the activations and their derivatives are passes of
/// their own here, eight values at a time (`Lanes`). Every sum adds its terms in the order
/// of plain scalar loops (`z = b + x₀w₀ + x₁w₁ + …`, gradients row by row from zero), each
/// product added by one fused multiply-add, and lanes only ever hold independent sums, so the
/// results are bit for bit those of the scalar code (with `addingProduct`) on any of those CPUs.
public struct Dense: Sendable {
    public let inputs: Int
    public let outputs: Int
    public let activation: Activation
    /// Where W starts in the parameter buffer; b follows at `offset + inputs·outputs`.
    public let offset: Int

    public var parameterCount: Int { inputs * outputs + outputs }
    var biasOffset: Int { offset + inputs * outputs }
    /// The scratch `backward` needs: a few rows of dZ transposed.
    var transposedCount: Int { nn_input_scratch(outputs) }

    /// For `n` rows of `x` (`n × inputs`), writes `z` and `a` (`n × outputs`).
    @inline(__always)
    func forward(_ p: UnsafePointer<Double>, x: UnsafePointer<Double>, n: Int,
                 z: UnsafeMutablePointer<Double>, a: UnsafeMutablePointer<Double>) {
        nn_forward(p + offset, p + biasOffset, x, n, inputs, outputs, z)
        // A pass of its own: these loops compile to one instruction per two values.
        let count = n * outputs
        switch activation {
        case .relu: for k in 0..<count { a[k] = z[k] > 0 ? z[k] : 0 }
        case .leaky_relu: for k in 0..<count { a[k] = z[k] > 0 ? z[k] : Activation.leakySlope * z[k] }
        case .tanh, .sigmoid: for k in 0..<count { a[k] = activation.apply(z[k]) }
        case .linear: a.update(from: z, count: count)
        }
    }

    /// The layer under this one, as `backward` needs it: its activation, the `z` and `a`
    /// it kept, and where the gradient with respect to its `z` goes.
    struct Below {
        var activation: Activation
        var z: UnsafePointer<Double>, a: UnsafePointer<Double>
        var dZ: UnsafeMutablePointer<Double>
    }

    /// Given `dZ` (the loss gradient with respect to `z`, `n × outputs`), adds the gradients
    /// of W and b into `g`, which holds zeros there, and, when the layer has one `below`,
    /// writes the gradient with respect to that layer's `z`: `(dZ·Wᵀ) · act′`. `transposed`
    /// is scratch for `transposedCount` values.
    @inline(__always)
    func backward(_ p: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>,
                  x: UnsafePointer<Double>, n: Int, dZ: UnsafePointer<Double>, below: Below?,
                  transposed: UnsafeMutablePointer<Double>) {
        nn_weight_gradient(x, dZ, n, inputs, outputs, g + offset, g + biasOffset)
        guard let below else { return }
        nn_input_gradient(p + offset, dZ, n, inputs, outputs, below.dZ, transposed)
        let act = below.activation
        guard act != .linear else { return }
        let count = n * inputs, wide = count - count % Lanes.scalarCount
        let dx = below.dZ, zb = below.z, ab = below.a
        var k = 0
        while k < wide {
            (Lanes.load(dx + k) * act.derivative(z: Lanes.load(zb + k), a: Lanes.load(ab + k))).store(to: dx + k)
            k += Lanes.scalarCount
        }
        while k < count {
            dx[k] *= act.derivative(z: zb[k], a: ab[k])
            k += 1
        }
    }
}

extension Activation {
    /// `derivative` on each lane.
    @inline(__always)
    func derivative(z: Lanes, a: Lanes) -> Lanes {
        switch self {
        case .relu: return Lanes(repeating: 0).replacing(with: 1, where: z .> 0)
        case .leaky_relu: return Lanes(repeating: Activation.leakySlope).replacing(with: 1, where: z .> 0)
        case .tanh: return 1 - a * a
        case .sigmoid: return a * (1 - a)
        case .linear: return Lanes(repeating: 1)
        }
    }
}

/// The SIMD width of the layer loops. Lanes hold independent values, so the width
/// changes the speed only, never a result.
typealias Lanes = SIMD8<Double>

extension Lanes {
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Double>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    func store(to p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: Lanes.self)
    }
}
