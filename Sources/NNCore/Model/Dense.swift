/// A fully connected layer `a = act(x·W + b)`. Its weights live in the network's
/// one flat parameter buffer: W (`inputs × outputs`, row-major like a Keras
/// kernel) at `offset`, then b. `forward` keeps `z` and `a`; `backward`, right
/// below it, turns the gradient of `a` into the gradients of W, b and the input.
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
        for r in 0..<n {
            let zr = z + r * outputs, xr = x + r * inputs
            for o in 0..<outputs { zr[o] = b[o] }
            for i in 0..<inputs {
                let xi = xr[i], wi = w + i * outputs
                for o in 0..<outputs { zr[o] += xi * wi[o] }
            }
            let ar = a + r * outputs
            for o in 0..<outputs { ar[o] = activation.apply(zr[o]) }
        }
    }

    /// Given `dA` (the loss gradient with respect to `a`, overwritten with that of `z`),
    /// adds the gradients of W and b into `g` and, when `dX` is given, writes the
    /// gradient with respect to the input.
    @inline(__always)
    func backward(_ p: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>,
                  x: UnsafePointer<Double>, n: Int, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                  dA: UnsafeMutablePointer<Double>, dX: UnsafeMutablePointer<Double>?) {
        let w = p + offset, gw = g + offset, gb = g + biasOffset
        for r in 0..<n {
            let d = dA + r * outputs, zr = z + r * outputs, ar = a + r * outputs, xr = x + r * inputs
            if activation != .linear {
                for o in 0..<outputs { d[o] *= activation.derivative(z: zr[o], a: ar[o]) }
            }
            for o in 0..<outputs { gb[o] += d[o] }
            for i in 0..<inputs {
                let xi = xr[i], gwi = gw + i * outputs
                for o in 0..<outputs { gwi[o] += xi * d[o] }
            }
            if let dX {
                let dx = dX + r * inputs
                for i in 0..<inputs {
                    let wi = w + i * outputs
                    var s = 0.0
                    for o in 0..<outputs { s += wi[o] * d[o] }
                    dx[i] = s
                }
            }
        }
    }
}
