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
        max(z, 0) - z * y + log1p(exp(-abs(z)))
    }

    /// d loss / d z = sigmoid(z) − y.
    @inline(__always)
    public static func gradient(logit z: Double, label y: Double) -> Double {
        Activation.sigmoid(z) - y
    }
}
