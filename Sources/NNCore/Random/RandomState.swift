#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// NumPy's legacy `RandomState`, bit for bit: MT19937 seeded with an integer
/// (`init_genrand`), `random_sample`, the polar Box–Muller `gauss` with its cached
/// second value, and `permutation`/`shuffle` built on masked rejection sampling.
/// It is a value: copy it to fork a stream, pass it `inout` to consume one.
public struct RandomState: Sendable {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var index = 624
    private var cachedGauss: Double?

    public init(seed: UInt32) {
        mt[0] = seed
        for i in 1..<624 {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32 raw bits (`genrand_int32`).
    @inline(__always)
    public mutating func nextUInt32() -> UInt32 {
        if index >= 624 { twist() }
        var y = mt.withUnsafeBufferPointer { $0[index] }
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        mt.withUnsafeMutableBufferPointer { mt in
            for i in 0..<624 {
                let next = i + 1 == 624 ? 0 : i + 1, far = i + 397 < 624 ? i + 397 : i + 397 - 624
                let y = (mt[i] & 0x8000_0000) | (mt[next] & 0x7fff_ffff)
                mt[i] = mt[far] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_b0df)
            }
        }
        index = 0
    }

    /// A double in [0, 1) with 53 random bits (`random_sample`).
    public mutating func uniform() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `uniform(low, high)`: NumPy computes low + (high − low)·sample.
    public mutating func uniform(low: Double, high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal draw (`legacy_gauss`); every second call returns the cached value.
    public mutating func gauss() -> Double {
        if let g = cachedGauss {
            cachedGauss = nil
            return g
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * uniform() - 1.0
            x2 = 2.0 * uniform() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// `normal(loc, scale)`.
    public mutating func normal(loc: Double = 0, scale: Double = 1) -> Double {
        loc + scale * gauss()
    }

    /// A uniform integer in 0...max by masked rejection (`random_interval`).
    public mutating func interval(_ max: Int) -> Int {
        precondition(max >= 0 && max <= Int(UInt32.max), "interval bound out of range")
        if max == 0 { return 0 }
        var mask = UInt32(max)
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16
        var value: UInt32
        repeat { value = nextUInt32() & mask } while value > UInt32(max)
        return Int(value)
    }

    /// Fisher–Yates from the back, as NumPy's legacy `shuffle` does.
    public mutating func shuffle<T>(_ a: inout [T]) {
        a.withUnsafeMutableBufferPointer { a in
            var i = a.count - 1
            while i > 0 {
                a.swapAt(i, interval(i))
                i -= 1
            }
        }
    }

    /// `permutation(n)`: a shuffled `0..<n`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var a = Array(0..<n)
        shuffle(&a)
        return a
    }
}
