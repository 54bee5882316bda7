import XCTest
import NNKernels
@testable import NNCore

/// NNKernels' matrix products and Adam at every instruction-set level this CPU runs, bit for bit
/// against the plain scalar loops, at widths on both sides of the vector and block sizes.
final class KernelTests: XCTestCase {
    /// Rows, inputs and outputs: 1, the 8-wide vectors, the strips of 32, 16 and 8 columns and the
    /// 8 × 8 tiles of one output, with tails of each.
    static let shapes = [(1, 1, 1), (7, 2, 16), (32, 16, 1), (5, 3, 9), (13, 11, 17), (33, 30, 64),
                         (9, 64, 31), (4, 17, 8), (6, 8, 40), (3, 65, 2), (8, 24, 33), (19, 30, 1), (16, 64, 1), (7, 3, 1),
                         (10, 56, 56), (5, 50, 50), (6, 40, 97)]

    var rng = RandomState(seed: 11)
    func values(_ count: Int) -> [Double] { (0..<count).map { _ in rng.normal() } }

    /// Where `a` first differs from `b` in any bit, or nil.
    func firstDifference(_ a: [Double], _ b: [Double]) -> String? {
        guard a.count == b.count else { return "\(a.count) values, expected \(b.count)" }
        guard let k = a.indices.first(where: { a[$0].bitPattern != b[$0].bitPattern }) else { return nil }
        return "value \(k): \(a[k]), expected \(b[k])"
    }

    func forward(_ w: [Double], _ b: [Double], _ x: [Double], _ n: Int, _ i: Int, _ o: Int) -> [Double] {
        var z = [Double](repeating: .nan, count: n * o)
        nn_forward(w, b, x, n, i, o, &z)
        return z
    }

    func weightGradient(_ x: [Double], _ dz: [Double], _ n: Int, _ i: Int, _ o: Int,
                        _ gw: [Double], _ gb: [Double]) -> (gw: [Double], gb: [Double]) {
        var gw = gw, gb = gb
        nn_weight_gradient(x, dz, n, i, o, &gw, &gb)
        return (gw, gb)
    }

    func inputGradient(_ w: [Double], _ dz: [Double], _ n: Int, _ i: Int, _ o: Int) -> [Double] {
        var scratch = [Double](repeating: .nan, count: nn_input_scratch(o))
        var dx = [Double](repeating: .nan, count: n * i)
        nn_input_gradient(w, dz, n, i, o, &dx, &scratch)
        return dx
    }

    func testEveryLevelGivesTheBitsOfTheScalarLoops() {
        let best = nn_kernel_best_level()
        defer { XCTAssertEqual(nn_kernel_use(best), 1) }
        for (n, i, o) in Self.shapes {
            let x = values(n * i), w = values(i * o), b = values(o), dz = values(n * o)
            let gw0 = values(i * o), gb0 = values(o)
            // The scalar loops the kernels stand for, in their order, each a·b + s fused (`addingProduct`).
            var z = [Double](repeating: 0, count: n * o), gw = gw0, gb = gb0, dx = [Double](repeating: 0, count: n * i)
            for r in 0..<n {
                for c in 0..<o {
                    var s = b[c]
                    for k in 0..<i { s = s.addingProduct(x[r * i + k], w[k * o + c]) }
                    z[r * o + c] = s
                }
            }
            for c in 0..<o {
                for r in 0..<n { gb[c] += dz[r * o + c] }
                for k in 0..<i {
                    for r in 0..<n { gw[k * o + c] = gw[k * o + c].addingProduct(x[r * i + k], dz[r * o + c]) }
                }
            }
            for r in 0..<n {
                for k in 0..<i {
                    var s = 0.0
                    for c in 0..<o { s = s.addingProduct(dz[r * o + c], w[k * o + c]) }
                    dx[r * i + k] = s
                }
            }
            for level in 0...best {
                XCTAssertEqual(nn_kernel_use(Int32(level)), 1)
                let shape = "level \(level), \(n) rows, \(i) → \(o)"
                XCTAssertNil(firstDifference(forward(w, b, x, n, i, o), z), "forward, \(shape)")
                let g = weightGradient(x, dz, n, i, o, gw0, gb0)
                XCTAssertNil(firstDifference(g.gw, gw), "weight gradient, \(shape)")
                XCTAssertNil(firstDifference(g.gb, gb), "bias gradient, \(shape)")
                XCTAssertNil(firstDifference(inputGradient(w, dz, n, i, o), dx), "input gradient, \(shape)")
            }
        }
    }

    func testAdamAtEveryLevelGivesTheBitsOfItsFormulas() {
        let best = nn_kernel_best_level()
        defer { XCTAssertEqual(nn_kernel_use(best), 1) }
        for count in [1, 7, 8, 9, 65] {
            let g = values(count), m0 = values(count), v0 = values(count).map { $0 * $0 }, p0 = values(count)
            let (alpha, c1, c2, eps) = (0.00123, 1 - 0.9, 1 - 0.999, 1e-7)
            var m = m0, v = v0, p = p0
            for k in 0..<count {
                m[k] += (g[k] - m[k]) * c1
                v[k] += (g[k] * g[k] - v[k]) * c2
                p[k] -= alpha * m[k] / (v[k].squareRoot() + eps)
            }
            for level in 0...best {
                XCTAssertEqual(nn_kernel_use(Int32(level)), 1)
                var mk = m0, vk = v0, pk = p0
                nn_adam(&pk, g, &mk, &vk, count, alpha, c1, c2, eps)
                XCTAssertNil(firstDifference(mk, m), "m, level \(level), \(count) parameters")
                XCTAssertNil(firstDifference(vk, v), "v, level \(level), \(count) parameters")
                XCTAssertNil(firstDifference(pk, p), "parameters, level \(level), \(count) parameters")
            }
        }
    }

    /// e^−|z| at every level against the C library's exp: glibc's build for CPUs with FMA, whose steps
    /// the kernel repeats, from 2^−60 to 2^10 (both sides of 2^−54 and of 512, where glibc turns to its
    /// special cases and the kernel to the C library) and at the edges. Without FMA the C library
    /// takes another build, so there the levels are only compared with each other.
    func testExpAtEveryLevelGivesTheCLibrarysBits() {
        let best = nn_kernel_best_level()
        defer { XCTAssertEqual(nn_kernel_use(best), 1) }
        var z: [Double] = [0, -0.0, .leastNonzeroMagnitude, 0x1p-54, (0x1p-54).nextDown, 511.99999999999994, 512, -512,
                           708.4, 745.2, 1e300, .infinity, -.infinity, .nan, 1, -1, 0.5, 1e-300]
        for _ in 0..<100_000 { z.append(rng.uniform(low: -1, high: 1) * pow(2, rng.uniform(low: -60, high: 10))) }
        let libm = z.map { exp(-abs($0)) }
        var first: [Double]?
        for level in 0...best {
            XCTAssertEqual(nn_kernel_use(Int32(level)), 1)
            for count in [1, 7, 9, 17, z.count] {
                var e = [Double](repeating: .nan, count: count)
                nn_exp_negabs(z, count, &e)
                if best >= 1 { XCTAssertNil(firstDifference(e, Array(libm[..<count])), "level \(level), \(count) values") }
                if count == z.count {
                    if let first { XCTAssertNil(firstDifference(e, first), "level \(level) against level 0") }
                    first = first ?? e
                }
            }
        }
    }

    /// log1p at every level against the C library's: glibc's build for CPUs with FMA, whose steps the
    /// kernel repeats, on (0, 1] as the losses' log(1 + e^−|z|) take it (uniform, log-uniform down to
    /// 2^−40, and e^−|z|), both sides of 2^−29 (glibc's own branch for tiny x), of 0.41422 (where it
    /// halves 1 + x) and of 1, and at the edges. Without FMA the levels are only compared with each other.
    func testLog1pAtEveryLevelGivesTheCLibrarysBits() {
        let best = nn_kernel_best_level()
        defer { XCTAssertEqual(nn_kernel_use(best), 1) }
        var x: [Double] = [0, 1, 0x1p-29, (0x1p-29).nextDown, 0.41421, 0.414215, 0.4142135623730950, 0.41422,
                           (1.0).nextDown, 1 - 1e-10, 0.5, 1e-300, 2, .nan, .infinity, -0.1, .leastNonzeroMagnitude]
        for k in 0..<90_000 {
            let u = rng.uniform()
            x.append(k % 3 == 0 ? u : k % 3 == 1 ? pow(2, -40 * u) : exp(-abs(rng.normal() * 8)))
        }
        let libm = x.map { log1p($0) }
        var first: [Double]?
        for level in 0...best {
            XCTAssertEqual(nn_kernel_use(Int32(level)), 1)
            for count in [1, 7, 9, 17, x.count] {
                var y = [Double](repeating: .nan, count: count)
                nn_log1p(x, count, &y)
                if best >= 1 { XCTAssertNil(firstDifference(y, Array(libm[..<count])), "level \(level), \(count) values") }
                if count == x.count {
                    if let first { XCTAssertNil(firstDifference(y, first), "level \(level) against level 0") }
                    first = first ?? y
                }
            }
        }
    }

    /// The data above tell one order of summing from another, so a kernel that summed in
    /// another order (or dropped or doubled a term) would fail the test above.
    func testTheDataTellOneSummingOrderFromAnother() {
        let (n, i, o) = (33, 30, 64)
        let x = values(n * i), w = values(i * o), b = values(o)
        let z = forward(w, b, x, n, i, o)
        var reordered = 0
        for r in 0..<n {
            for c in 0..<o {
                var s = b[c]
                for k in (0..<i).reversed() { s = s.addingProduct(x[r * i + k], w[k * o + c]) }
                if s != z[r * o + c] { reordered += 1 }
            }
        }
        XCTAssertGreaterThan(reordered, n * o / 4)
    }

    /// The same data tell a fused multiply-add from a multiply then an add, so a kernel that
    /// rounded twice on some level would fail the test above.
    func testTheDataTellAFusedMultiplyAddFromTwoRoundings() {
        let (n, i, o) = (33, 30, 64)
        let x = values(n * i), w = values(i * o), b = values(o)
        let z = forward(w, b, x, n, i, o)
        var unfused = 0
        for r in 0..<n {
            for c in 0..<o {
                var s = b[c]
                for k in 0..<i { s += x[r * i + k] * w[k * o + c] }
                if s != z[r * o + c] { unfused += 1 }
            }
        }
        XCTAssertGreaterThan(unfused, n * o / 4)
    }

    /// Backpropagation through the kernels against central finite differences, at widths
    /// with tails after whole vectors and blocks on every side.
    func testGradientsAtVectorWidthsMatchFiniteDifferences() {
        for (inputs, hidden) in [(11, [LayerSpec(17, .relu), LayerSpec(9, .tanh)]), (30, [LayerSpec(24, .sigmoid), LayerSpec(33, .leaky_relu)]),
                                 (64, [LayerSpec(8, .linear)])] {
            var net = Network(inputs: inputs, hidden: hidden)
            net.initialize(using: &rng)
            for k in net.parameters.indices { net.parameters[k] += rng.uniform(low: -0.3, high: 0.3) }
            let n = 13
            let x = values(n * inputs), y = (0..<n).map { Double($0 % 2) }
            let ws = Network.Workspace(net, capacity: n)
            _ = net.parameters.withUnsafeBufferPointer { net.lossAndGradient($0.baseAddress!, x, y, n, ws) }
            let h = 1e-6
            for k in net.parameters.indices {
                var plus = net, minus = net
                plus.parameters[k] += h
                minus.parameters[k] -= h
                let numeric = (Evaluation(network: plus, x: x, y: y).loss - Evaluation(network: minus, x: x, y: y).loss) / (2 * h)
                XCTAssertEqual(ws.grad[k], numeric, accuracy: 1e-7 + 1e-5 * abs(numeric), "parameter \(k) of \(net.summary)")
            }
        }
    }
}
