/// A fully connected layer `a = act(x·W + b)`. Its weights live in the network's
/// one flat parameter buffer: W (`inputs × outputs`, row-major like a Keras
/// kernel) at `offset`, then b. `forward` keeps `z` and `a`; `backward`, right
/// below it, turns the gradient of `z` into the gradients of W, b and the layer below.
///
/// Both run on raw buffers, eight values at a time (`Lanes`), with the activation
/// applied while the values are still in registers. Every sum adds its terms in the
/// order of plain scalar loops (`z = b + x₀w₀ + x₁w₁ + …`, gradients row by row from
/// zero), and lanes only ever hold independent sums, so the results are bit for bit
/// those of the scalar code.
public struct Dense: Sendable {
    public let inputs: Int
    public let outputs: Int
    public let activation: Activation
    /// Where W starts in the parameter buffer; b follows at `offset + inputs·outputs`.
    public let offset: Int

    public var parameterCount: Int { inputs * outputs + outputs }
    var biasOffset: Int { offset + inputs * outputs }

    /// For `n` rows of `x` (`n × inputs`), writes `z` and `a` (`n × outputs`).
    @inline(__always)
    func forward(_ p: UnsafePointer<Double>, x: UnsafePointer<Double>, n: Int,
                 z: UnsafeMutablePointer<Double>, a: UnsafeMutablePointer<Double>) {
        let w = p + offset, b = p + biasOffset
        if outputs == 1 {
            var xr = x
            for r in 0..<n {
                var s = b[0]
                for i in 0..<inputs { s += xr[i] * w[i] }
                z[r] = s
                a[r] = activation.apply(s)
                xr += inputs
            }
            return
        }
        let wide = outputs - outputs % Lanes.scalarCount
        if inputs == 2 {
            // Two inputs (the built-in data sets): each block of W stays in registers while
            // the rows go by.
            var o = 0
            while o < wide {
                let b0 = Lanes.load(b + o), w0 = Lanes.load(w + o), w1 = Lanes.load(w + outputs + o)
                var xr = x, zr = z + o
                for _ in 0..<n {
                    var s = b0
                    s += Lanes(repeating: xr[0]) * w0
                    s += Lanes(repeating: xr[1]) * w1
                    s.store(to: zr)
                    xr += 2; zr += outputs
                }
                o += Lanes.scalarCount
            }
            if o < outputs {
                var xr = x, zr = z
                for _ in 0..<n {
                    for k in o..<outputs { zr[k] = b[k] + xr[0] * w[k] + xr[1] * w[outputs + k] }
                    xr += 2; zr += outputs
                }
            }
        } else {
            forwardWide(w, b, x, n, z, wide)
        }
        // A pass of its own: these loops compile to one instruction per two values.
        let count = n * outputs
        switch activation {
        case .relu: for k in 0..<count { a[k] = z[k] > 0 ? z[k] : 0 }
        case .leaky_relu: for k in 0..<count { a[k] = z[k] > 0 ? z[k] : Activation.leakySlope * z[k] }
        case .tanh, .sigmoid: for k in 0..<count { a[k] = activation.apply(z[k]) }
        case .linear: a.update(from: z, count: count)
        }
    }

    @inline(__always)
    private func forwardWide(_ w: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                             _ n: Int, _ z: UnsafeMutablePointer<Double>, _ wide: Int) {
        var xr = x, zr = z
        for _ in 0..<n {
            var o = 0
            while o < wide {
                var s = Lanes.load(b + o)
                var wi = w + o
                for i in 0..<inputs {
                    s += Lanes(repeating: xr[i]) * Lanes.load(wi)
                    wi += outputs
                }
                s.store(to: zr + o)
                o += Lanes.scalarCount
            }
            while o < outputs {
                var s = b[o]
                for i in 0..<inputs { s += xr[i] * w[i * outputs + o] }
                zr[o] = s
                o += 1
            }
            xr += inputs; zr += outputs
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
    /// writes the gradient with respect to that layer's `z`: `(dZ·Wᵀ) · act′`.
    @inline(__always)
    func backward(_ p: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>,
                  x: UnsafePointer<Double>, n: Int, dZ: UnsafePointer<Double>, below: Below?) {
        let w = p + offset, gw = g + offset, gb = g + biasOffset
        // The gradients of b and W are sums over the rows, in row order: each is kept in
        // registers while the rows go by, then stored.
        if outputs == 1 {
            // One output (every network's last layer): the lanes run over the inputs instead.
            var sb = gb[0]
            for r in 0..<n { sb += dZ[r] }
            gb[0] = sb
            let wideIn = inputs - inputs % Lanes.scalarCount
            var i = 0
            while i < wideIn {
                var s = Lanes.load(gw + i)
                var xr = x + i
                for r in 0..<n {
                    s += Lanes.load(xr) * Lanes(repeating: dZ[r])
                    xr += inputs
                }
                s.store(to: gw + i)
                i += Lanes.scalarCount
            }
            while i < inputs {
                var s = gw[i]
                for r in 0..<n { s += x[r * inputs + i] * dZ[r] }
                gw[i] = s
                i += 1
            }
            if let below {
                let act = below.activation, zero = Lanes(repeating: 0)
                for r in 0..<n {
                    let row = r * inputs, dx = below.dZ + row, zb = below.z + row, ab = below.a + row
                    let d = dZ[r], dv = Lanes(repeating: d)
                    i = 0
                    while i < wideIn {
                        var s = zero + Lanes.load(w + i) * dv
                        if act != .linear { s *= act.derivative(z: Lanes.load(zb + i), a: Lanes.load(ab + i)) }
                        s.store(to: dx + i)
                        i += Lanes.scalarCount
                    }
                    while i < inputs {
                        var s = 0.0 + w[i] * d
                        if act != .linear { s *= act.derivative(z: zb[i], a: ab[i]) }
                        dx[i] = s
                        i += 1
                    }
                }
            }
            return
        }
        let wide = outputs - outputs % Lanes.scalarCount
        var o = 0
        while o < wide {
            var sb = Lanes.load(gb + o)
            var d = dZ + o
            for _ in 0..<n {
                sb += Lanes.load(d)
                d += outputs
            }
            sb.store(to: gb + o)
            for i in 0..<inputs {
                let gwi = gw + i * outputs + o
                var s = Lanes.load(gwi)
                var xr = x + i
                d = dZ + o
                for _ in 0..<n {
                    s += Lanes(repeating: xr.pointee) * Lanes.load(d)
                    xr += inputs; d += outputs
                }
                s.store(to: gwi)
            }
            o += Lanes.scalarCount
        }
        while o < outputs {
            var sb = gb[o]
            for r in 0..<n { sb += dZ[r * outputs + o] }
            gb[o] = sb
            for i in 0..<inputs {
                var s = gw[i * outputs + o]
                for r in 0..<n { s += x[r * inputs + i] * dZ[r * outputs + o] }
                gw[i * outputs + o] = s
            }
            o += 1
        }
        if let below {
            let act = below.activation
            for r in 0..<n {
                let d = dZ + r * outputs, row = r * inputs
                for i in 0..<inputs {
                    let wi = w + i * outputs
                    var s = 0.0
                    for o in 0..<outputs { s += wi[o] * d[o] }
                    if act != .linear { s *= act.derivative(z: below.z[row + i], a: below.a[row + i]) }
                    below.dZ[row + i] = s
                }
            }
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
