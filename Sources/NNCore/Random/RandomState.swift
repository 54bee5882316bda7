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
        var index = self.index
        defer { self.index = index }
        return mt.withUnsafeMutableBufferPointer { Self.next($0.baseAddress!, &index) }
    }

    /// `genrand_int32` on the state at `mt`, `index` of its words used.
    @inline(__always)
    private static func next(_ mt: UnsafeMutablePointer<UInt32>, _ index: inout Int) -> UInt32 {
        if index >= 624 { twist(mt); index = 0 }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// The next 624 words, each from itself, the next and the one 397 on, in place and in order
    /// (so from word 227 on, the one 397 on, wrapped round, is already new): three loops with
    /// neither a wrap nor a branch inside, which the compiler turns into vector code.
    private static func twist(_ mt: UnsafeMutablePointer<UInt32>) {
        @inline(__always) func mixed(_ word: UInt32, _ next: UInt32, _ far: UInt32) -> UInt32 {
            let y = (word & 0x8000_0000) | (next & 0x7fff_ffff)
            return far ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_b0df)
        }
        for i in 0..<227 { mt[i] = mixed(mt[i], mt[i + 1], mt[i + 397]) }
        for i in 227..<623 { mt[i] = mixed(mt[i], mt[i + 1], mt[i - 227]) }
        mt[623] = mixed(mt[623], mt[0], mt[396])
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
        var index = self.index
        defer { self.index = index }
        return mt.withUnsafeMutableBufferPointer { Int(Self.interval(UInt32(max), $0.baseAddress!, &index)) }
    }

    /// `random_interval` for 0 < `max`: draws masked to the bits `max` needs until one is no larger.
    @inline(__always)
    private static func interval(_ max: UInt32, _ mt: UnsafeMutablePointer<UInt32>, _ index: inout Int) -> UInt32 {
        let mask = UInt32.max >> max.leadingZeroBitCount
        var value: UInt32
        repeat { value = next(mt, &index) & mask } while value > max
        return value
    }

    /// Fisher–Yates from the back, as NumPy's legacy `shuffle` does. The generator's words are
    /// used in place for the whole pass (the training loop shuffles every epoch).
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        precondition(a.count - 1 <= Int(UInt32.max), "interval bound out of range")
        var index = self.index
        defer { self.index = index }
        mt.withUnsafeMutableBufferPointer { mt in
            a.withUnsafeMutableBufferPointer { a in
                for i in stride(from: a.count - 1, to: 0, by: -1) {
                    a.swapAt(i, Int(Self.interval(UInt32(i), mt.baseAddress!, &index)))
                }
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
