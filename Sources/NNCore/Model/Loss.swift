#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Binary cross-entropy computed from the logit `z`, as Keras does for a sigmoid
/// output: max(z,0) − z·y + log(1 + e^−|z|) never takes the log of 0.
public enum BinaryCrossEntropy {
    @inline(__always)
    public static func loss(logit z: Double, label y: Double) -> Double {
        loss(logit: z, label: y, softplus: log1p(exp(-abs(z))))
    }

    /// `loss` given `softplus`, log(1 + e^−|z|), computed apart (eight rows at a time, `Network.addLosses`).
    @inline(__always)
    public static func loss(logit z: Double, label y: Double, softplus: Double) -> Double {
        max(z, 0) - z * y + softplus
    }

    /// d loss / d z = sigmoid(z) − y.
    @inline(__always)
    public static func gradient(logit z: Double, label y: Double) -> Double {
        Activation.sigmoid(z) - y
    }
}

/// Categorical cross-entropy of a softmax over `k` logits, computed from the logits as Keras'
/// `SparseCategoricalCrossentropy(from_logits=True)` does: log Σ e^z − z_y, the sum taken with the
/// largest logit subtracted (log-sum-exp), so that no exp overflows and no log sees 0.
public enum SoftmaxCrossEntropy {
    /// The loss of one row: `z` holds its `k` logits, `y` its class.
    @inline(__always)
    public static func loss(logits z: UnsafePointer<Double>, classes k: Int, label y: Int) -> Double {
        var top = z[0]
        for c in 1..<k where z[c] > top { top = z[c] }
        var sum = 0.0
        for c in 0..<k { sum += exp(z[c] - top) }
        return top + log(sum) - z[y]
    }

    /// d loss / d z_c = softmax(z)_c − [c = y], times `scale`, written to `g` (`k` values).
    @inline(__always)
    public static func gradient(logits z: UnsafePointer<Double>, classes k: Int, label y: Int, scale: Double,
                                into g: UnsafeMutablePointer<Double>) {
        var top = z[0]
        for c in 1..<k where z[c] > top { top = z[c] }
        var sum = 0.0
        for c in 0..<k { g[c] = exp(z[c] - top); sum += g[c] }
        for c in 0..<k { g[c] = (g[c] / sum - (c == y ? 1 : 0)) * scale }
    }

    /// The class with the largest logit (the first of equal ones, as `argmax`).
    @inline(__always)
    public static func predicted(logits z: UnsafePointer<Double>, classes k: Int) -> Int {
        var best = 0
        for c in 1..<k where z[c] > z[best] { best = c }
        return best
    }

    /// `loss` over an array of one row's logits.
    public static func loss(logits z: [Double], label y: Int) -> Double {
        z.withUnsafeBufferPointer { loss(logits: $0.baseAddress!, classes: z.count, label: y) }
    }
}
