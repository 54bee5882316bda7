import Foundation
import NNCore
import XCTest
@testable import NNDiagnosis
@testable import NNLab

/// Issue 12's second tuning half of the scenario suite, beside `ScenarioSuiteTests` (the first: expectations written by
/// hand on the built-in sets). Both rounds written here were meant as held-out halves and were looked at while
/// thresholds were set, so both are tuning data now; the held-out half is elsewhere and nothing is tuned on it.
/// Its data come from generators written here (not in NNCore), mostly as CSV files loaded through `data load` as a
/// learner's own data would be, with other seeds and sizes, extra noise features, 5–30 features, deterministic
/// boundaries, duplicates with conflicting labels, outliers, constant columns and wide value ranges. What each finding
/// id must do is not written by hand: it is decided by checks independent of the analyzers, each a measurement on data
/// the run never saw:
/// - the Bayes error, from the generator's own class probabilities at 20,000 fresh points;
/// - an exact LP separability test of the training rows, and the best line's accuracy on fresh points;
/// - counterfactual retraining: the same architecture trained well (Adam, lr 0.01, no l2, scaled inputs,
///   three times as long) says whether the model is too simple or its training failed it;
/// - the population gap: the model's accuracy on fresh points against its training accuracy;
/// - the labels this test flipped, and the forward pass of the saved weights.
/// Where a check lands between "clearly yes" and "clearly no" the id is not judged there.
/// Precision and recall per id are printed; `ScenarioSuiteTests` prints the first tuning half's.
final class TuningScenarioTests: XCTestCase {
    // MARK: Worlds the analyzers have never seen

    /// A way to draw labelled points: the first features carry the classes, the rest are noise.
    struct World {
        let name: String
        /// Features in all (informative ones first).
        let features: Int
        /// For one point drawn from N(0, 1) in every feature: P(class 1 | x), and how a label is drawn.
        let draw: (inout RandomState, Int) -> (x: [Double], p1: Double)

        /// `n` points: features row-major, labels drawn from P(class 1 | x), and that probability.
        func sample(_ n: Int, _ rng: inout RandomState) -> (x: [Double], y: [Int], p1: [Double]) {
            var x: [Double] = [], y: [Int] = [], p: [Double] = []
            for _ in 0..<n {
                let (row, p1) = draw(&rng, features)
                x += row
                p.append(p1)
                y.append(rng.uniform() < p1 ? 1 : 0)
            }
            return (x, y, p)
        }

        static func normals(_ rng: inout RandomState, _ d: Int) -> [Double] { (0..<d).map { _ in rng.normal() } }

        /// A flat boundary across two features: x1 + 0.5·x2 > 0.
        static func linear(_ d: Int) -> World {
            World(name: "linear d\(d)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, x[0] + 0.5 * x[1] > 0 ? 1 : 0)
            }
        }

        /// Class 1 outside a band: |x1| > 0.674 (half the points). No line can do better than 75%.
        static func band(_ d: Int) -> World {
            World(name: "band d\(d)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, abs(x[0]) > 0.674 ? 1 : 0)
            }
        }

        /// Class 1 outside a circle in the first two features holding half the points.
        static func ring(_ d: Int) -> World {
            World(name: "ring d\(d)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, x[0] * x[0] + x[1] * x[1] > 1.3863 ? 1 : 0)
            }
        }

        /// Class 1 where the signs of x1 and x2 agree.
        static func xor(_ d: Int) -> World {
            World(name: "xor d\(d)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, x[0] * x[1] > 0 ? 1 : 0)
            }
        }

        /// Two Gaussians whose means sit ±μ apart along x1: the Bayes error is Φ(−μ).
        static func gauss(_ d: Int, mu: Double) -> World {
            World(name: "gauss d\(d) μ\(mu)", features: d) { rng, d in
                var x = normals(&rng, d)
                let one = rng.uniform() < 0.5
                x[0] += one ? mu : -mu
                // P(1 | x) for equal priors: the ratio of the two densities along x1.
                return (x, 1 / (1 + exp(-2 * mu * x[0])))
            }
        }

        /// Class 1 inside a ball in the first three features holding half the points (the χ²₃ median is 2.366).
        static func ball(_ d: Int) -> World {
            World(name: "ball d\(d)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, x[0] * x[0] + x[1] * x[1] + x[2] * x[2] < 2.366 ? 1 : 0)
            }
        }

        /// Class 1 above a sine wave: x2 > sin(2·x1).
        static func wave(_ d: Int) -> World {
            World(name: "wave d\(d)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, x[1] > sin(2 * x[0]) ? 1 : 0)
            }
        }

        /// A flat boundary across four features (d ≥ 4) with unequal weights, off the centre.
        static func tilted(_ d: Int) -> World {
            World(name: "tilted d\(d)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, x[0] - 0.7 * x[1] + 0.5 * x[2] + 0.3 * x[3] > 0.2 ? 1 : 0)
            }
        }

        /// A soft boundary along x1: P(1 | x) = σ(s·x1). s 2 leaves about 15% overlap, s 12 about 3%.
        static func soft(_ d: Int, slope s: Double) -> World {
            World(name: "soft d\(d) s\(s)", features: d) { rng, d in
                let x = normals(&rng, d)
                return (x, 1 / (1 + exp(-s * x[0])))
            }
        }

        /// Two Gaussians with the same centre and different spreads in the first two features (class 1 2.5 times
        /// as wide): the best boundary is a circle and the overlap is large.
        static func spread(_ d: Int) -> World {
            World(name: "spread d\(d)", features: d) { rng, d in
                var x = normals(&rng, d)
                let one = rng.uniform() < 0.5
                if one { x[0] *= 2.5; x[1] *= 2.5 }
                // Densities in the first two features: N(0, 1) against N(0, 2.5²), equal priors.
                let r2 = x[0] * x[0] + x[1] * x[1]
                let p0 = exp(-r2 / 2), p1 = exp(-r2 / 12.5) / 6.25
                return (x, p1 / (p0 + p1))
            }
        }

    }

    // MARK: Scenarios

    /// What happens to the data before it is written: all of it is on the training rows only, except the
    /// feature changes, which every row (and every fresh point) shares.
    struct Damage {
        var flip = 0.0
        /// Training rows copied with the other label.
        var conflicting = 0.0
        /// Training rows pushed 30 standard deviations out along x1.
        var outliers = 0
        var constantColumn = false
        /// x2 multiplied by 10⁴ and shifted by 5·10⁴.
        var wide = false
        /// Class 1 kept at this share of class 0 (1 = all).
        var imbalance = 1.0
        /// Feature j multiplied by `scales[j]` on every row and fresh point (the rest left alone).
        var scales: [Double] = []
        /// Whether the features' ranges differ by 10⁴ or more: `wide`, or scales that far apart.
        var unscaled: Bool { wide || (scales.max().map { $0 / scales.min()! } ?? 1) >= 1e4 }
    }

    struct Case {
        let name: String
        let world: World
        var n = 300
        var test = 0.25
        var damage = Damage()
        var scaled = true
        var model = "model dense16 relu"
        var train = "train lr=0.01 epochs=200"
        var seed: UInt32 = 7
    }

    /// The first round (issue 12), written as a held-out half and tuned on since label-noise's guards for loaded data.
    static let firstRoundCases: [Case] = {
        var all: [Case] = []
        // Deterministic boundaries with extra noise features, 5–30 features in all, learnt by a hidden layer.
        for (i, d) in [5, 10, 20, 30].enumerated() {
            all.append(Case(name: "ring d\(d), dense32", world: .ring(d), n: 400, model: "model dense32 relu",
                            train: "train lr=0.01 epochs=150", seed: 11 + UInt32(i)))
            all.append(Case(name: "linear d\(d), linear", world: .linear(d), model: "model linear",
                            train: "train lr=0.05 epochs=200", seed: 21 + UInt32(i)))
            all.append(Case(name: "linear d\(d), flip 10%", world: .linear(d), n: 400, damage: Damage(flip: 0.1),
                            model: "model linear", train: "train lr=0.05 epochs=200", seed: 31 + UInt32(i)))
        }
        // Lines where a curve is needed.
        all.append(Case(name: "band d5, linear", world: .band(5), model: "model linear", train: "train lr=0.05 epochs=150"))
        all.append(Case(name: "xor d6, linear", world: .xor(6), model: "model linear", train: "train lr=0.05 epochs=150"))
        all.append(Case(name: "ring d8, linear", world: .ring(8), model: "model linear", train: "train lr=0.05 epochs=150"))
        all.append(Case(name: "band d5, dense2", world: .band(5), n: 400, model: "model dense2 relu",
                        train: "train lr=0.01 epochs=300"))
        // Overlap, known exactly.
        all.append(Case(name: "gauss d5 μ0.5, linear", world: .gauss(5, mu: 0.5), n: 400, model: "model linear",
                        train: "train lr=0.05 epochs=150"))
        all.append(Case(name: "gauss d12 μ1, linear", world: .gauss(12, mu: 1), n: 500, model: "model linear",
                        train: "train lr=0.05 epochs=150"))
        all.append(Case(name: "gauss d5 μ1, dense16", world: .gauss(5, mu: 1), n: 400, train: "train lr=0.01 epochs=100"))
        all.append(Case(name: "gauss d20 μ2.5, linear", world: .gauss(20, mu: 2.5), n: 400, model: "model linear",
                        train: "train lr=0.05 epochs=150"))
        // Flipped labels on sharp boundaries.
        all.append(Case(name: "ring d5, flip 5%", world: .ring(5), n: 500, damage: Damage(flip: 0.05),
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "band d5, flip 15%", world: .band(5), n: 500, damage: Damage(flip: 0.15),
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "xor d5, flip 20%", world: .xor(5), n: 500, damage: Damage(flip: 0.2),
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "xor d5, flip 20%, memorised", world: .xor(5), n: 200, damage: Damage(flip: 0.2),
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=400"))
        // Duplicates with conflicting labels, outliers, constant columns.
        all.append(Case(name: "ring d5, conflicting 8%", world: .ring(5), n: 400, damage: Damage(conflicting: 0.08),
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "linear d8, outliers", world: .linear(8), damage: Damage(outliers: 4), model: "model linear",
                        train: "train lr=0.05 epochs=200"))
        all.append(Case(name: "ring d6, outliers", world: .ring(6), n: 400, damage: Damage(outliers: 4),
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "linear d6, constant column", world: .linear(6), damage: Damage(constantColumn: true),
                        model: "model linear", train: "train lr=0.05 epochs=200"))
        all.append(Case(name: "linear d6, constant column raw", world: .linear(6), damage: Damage(constantColumn: true),
                        scaled: false, model: "model linear", train: "train lr=0.05 epochs=200"))
        // Wide value ranges, raw and scaled.
        all.append(Case(name: "ring d5, wide, raw", world: .ring(5), n: 400, damage: Damage(wide: true), scaled: false,
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "ring d5, wide, scaled", world: .ring(5), n: 400, damage: Damage(wide: true),
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "linear d5, wide, raw", world: .linear(5), damage: Damage(wide: true), scaled: false,
                        model: "model linear", train: "train lr=0.01 epochs=200"))
        // Imbalance.
        all.append(Case(name: "ring d5, imbalance 0.15", world: .ring(5), n: 600, damage: Damage(imbalance: 0.15),
                        model: "model dense32 relu", train: "train lr=0.01 epochs=150"))
        all.append(Case(name: "band d5, imbalance 0.1, linear", world: .band(5), n: 600, damage: Damage(imbalance: 0.1),
                        model: "model linear", train: "train lr=0.05 epochs=150"))
        // Training that fails the model: the same layers trained well fit these.
        all.append(Case(name: "ring d5, lr 1e-5", world: .ring(5), n: 400, model: "model dense32 relu",
                        train: "train lr=0.00001 epochs=100"))
        all.append(Case(name: "ring d5, 10 epochs", world: .ring(5), n: 400, model: "model dense32 relu",
                        train: "train lr=0.001 epochs=10"))
        all.append(Case(name: "band d5, sgd lr 1e-4", world: .band(5), n: 400, model: "model dense32 relu",
                        train: "train optimizer=sgd lr=0.0001 epochs=100"))
        all.append(Case(name: "ring d5, l2 0.5", world: .ring(5), n: 400, model: "model dense32 relu",
                        train: "train lr=0.01 epochs=150 l2=0.5"))
        all.append(Case(name: "xor d5, sgd lr 8", world: .xor(5), n: 400, model: "model dense16 relu",
                        train: "train optimizer=sgd lr=8 epochs=60"))
        // Small sets: one test set is a small sample.
        all.append(Case(name: "linear d5 n60, dense64", world: .linear(5), n: 60, test: 0.2,
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=300"))
        all.append(Case(name: "gauss d4 μ1.5 n100, dense64", world: .gauss(4, mu: 1.5), n: 100, test: 0.2,
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=400"))
        all.append(Case(name: "ring d10 n150, dense64", world: .ring(10), n: 150, test: 0.2,
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=300"))
        // More seeds of the healthy cases: what holds on one draw must hold on the next.
        for seed: UInt32 in [41, 42, 43, 44] {
            all.append(Case(name: "ring d6 seed \(seed)", world: .ring(6), n: 400, model: "model dense32 relu",
                            train: "train lr=0.01 epochs=150", seed: seed))
            all.append(Case(name: "gauss d8 μ1.2 seed \(seed), linear", world: .gauss(8, mu: 1.2), n: 400,
                            model: "model linear", train: "train lr=0.05 epochs=100", seed: seed))
        }
        return all
    }()

    /// Built-in sets of the first round, with other seeds and sizes than `ScenarioSuiteTests`, through `data KIND`.
    static let firstRoundGeneratedCases: [(name: String, data: String, model: String, train: String)] = [
        ("circles seed 101 n=300", "data circles seed=101 n=300", "model dense16 relu", "train lr=0.01 epochs=300"),
        ("moons seed 102 n=500", "data moons seed=102 n=500", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("xor seed 103 n=400, linear", "data xor seed=103 n=400", "model linear", "train lr=0.01 epochs=200"),
        ("spiral seed 104 n=600", "data spiral seed=104 n=600", "model dense32 relu dense16 relu", "train lr=0.01 epochs=400"),
        ("gauss seed 105 n=600, dense16", "data gauss seed=105 n=600", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("blobs seed 106 n=300, linear", "data blobs seed=106 n=300", "model linear", "train lr=0.01 epochs=200"),
        ("circles seed 107 flip=0.1", "data circles seed=107 n=400 flip=0.1", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("moons seed 108 flip=0.2, dense64", "data moons seed=108 flip=0.2", "model dense64 relu dense64 relu",
         "train lr=0.01 epochs=500"),
        ("moons seed 109 flip=0.3", "data moons seed=109 flip=0.3", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("circles seed 110, dense2", "data circles seed=110 n=400", "model dense2 relu", "train lr=0.01 epochs=500"),
        ("circles seed 111, sgd lr 8", "data circles seed=111", "model dense16 relu", "train optimizer=sgd lr=8 epochs=100"),
        ("circles seed 112, imbalance 0.05, linear", "data circles seed=112 n=600 imbalance=0.05", "model linear",
         "train lr=0.01 epochs=200"),
        ("moons seed 113, lr 1e-5", "data moons seed=113", "model dense16 relu", "train lr=0.00001 epochs=100"),
        ("xor seed 114 noise=0.6", "data xor seed=114 n=400 noise=0.6", "model dense16 relu", "train lr=0.01 epochs=200"),
    ]

    /// The second round (issue 12), written as a held-out half in one go before any of it was run, from a list drawn
    /// up beforehand: shapes none of the analyzers had been looked at on (a ball in 3 of d features, a sine wave, a flat
    /// boundary over four features with unequal weights, soft boundaries of known overlap, classes of different
    /// spread), 3–25 features, seeds from 201 on, sizes 70–700, each damage of the first round at other strengths, and
    /// built-in sets at seeds from 201 on. Graded once as held-out (precision 0.820, recall 0.875), looked at since:
    /// tuning data.
    static let secondRoundCases: [Case] = {
        var all: [Case] = []
        let dense = "model dense32 relu", well = "train lr=0.01 epochs=150", line = "train lr=0.05 epochs=200"
        // Sharp boundaries with noise features, learnt by a hidden layer, and flat ones by a line.
        for (i, d) in [3, 7, 15, 25].enumerated() {
            all.append(Case(name: "r2 ball d\(d)", world: .ball(d), n: 450, model: dense, train: well, seed: 201 + UInt32(i)))
            all.append(Case(name: "r2 tilted d\(d + 1), linear", world: .tilted(d + 1), n: 350, model: "model linear",
                            train: line, seed: 211 + UInt32(i)))
        }
        for (i, d) in [4, 12].enumerated() {
            all.append(Case(name: "r2 wave d\(d)", world: .wave(d), n: 500, model: "model dense32 relu dense16 relu",
                            train: "train lr=0.01 epochs=200", seed: 221 + UInt32(i)))
        }
        // A line where a curve is needed; a hidden layer too small for it.
        all.append(Case(name: "r2 ball d5, linear", world: .ball(5), n: 350, model: "model linear", train: line, seed: 225))
        all.append(Case(name: "r2 wave d3, linear", world: .wave(3), n: 350, model: "model linear", train: line, seed: 226))
        all.append(Case(name: "r2 ball d4, dense2", world: .ball(4), n: 450, model: "model dense2 relu",
                        train: "train lr=0.01 epochs=300", seed: 227))
        // Overlap of known size.
        all.append(Case(name: "r2 soft d6 s2, linear", world: .soft(6, slope: 2), n: 450, model: "model linear",
                        train: line, seed: 231))
        all.append(Case(name: "r2 soft d10 s12, linear", world: .soft(10, slope: 12), n: 450, model: "model linear",
                        train: line, seed: 232))
        all.append(Case(name: "r2 soft d4 s2, dense32", world: .soft(4, slope: 2), n: 450, model: dense, train: well, seed: 233))
        all.append(Case(name: "r2 spread d3", world: .spread(3), n: 600, model: dense, train: well, seed: 234))
        all.append(Case(name: "r2 spread d8, linear", world: .spread(8), n: 600, model: "model linear", train: line, seed: 235))
        // Flipped training labels on sharp boundaries, 5–30%.
        for (i, flip) in [0.05, 0.08, 0.12, 0.2, 0.25, 0.3].enumerated() {
            all.append(Case(name: "r2 ball d6, flip \(Int(flip * 100))%", world: .ball(6), n: 500, damage: Damage(flip: flip),
                            model: dense, train: well, seed: 241 + UInt32(i)))
        }
        all.append(Case(name: "r2 tilted d9, flip 10%, linear", world: .tilted(9), n: 450, damage: Damage(flip: 0.1),
                        model: "model linear", train: line, seed: 247))
        all.append(Case(name: "r2 wave d5, flip 15%", world: .wave(5), n: 600, damage: Damage(flip: 0.15),
                        model: "model dense32 relu dense16 relu", train: "train lr=0.01 epochs=200", seed: 248))
        all.append(Case(name: "r2 tilted d20, flip 20%, linear", world: .tilted(20), n: 500, damage: Damage(flip: 0.2),
                        model: "model linear", train: line, seed: 249))
        // Flips a big model memorises; flips hidden in overlap.
        all.append(Case(name: "r2 wave d4, flip 20%, memorised", world: .wave(4), n: 250, damage: Damage(flip: 0.2),
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=500", seed: 250))
        all.append(Case(name: "r2 soft d5 s2, flip 10%", world: .soft(5, slope: 2), n: 450, damage: Damage(flip: 0.1),
                        model: dense, train: well, seed: 251))
        // Duplicates with conflicting labels, outliers, constant columns, wide ranges.
        all.append(Case(name: "r2 ball d5, conflicting 5%", world: .ball(5), n: 450, damage: Damage(conflicting: 0.05),
                        model: dense, train: well, seed: 252))
        all.append(Case(name: "r2 tilted d6, conflicting 10%, linear", world: .tilted(6), n: 400,
                        damage: Damage(conflicting: 0.1), model: "model linear", train: line, seed: 253))
        all.append(Case(name: "r2 tilted d7, outliers", world: .tilted(7), n: 350, damage: Damage(outliers: 6),
                        model: "model linear", train: line, seed: 254))
        all.append(Case(name: "r2 ball d5, outliers", world: .ball(5), n: 450, damage: Damage(outliers: 3),
                        model: dense, train: well, seed: 255))
        all.append(Case(name: "r2 ball d5, constant column", world: .ball(5), n: 450, damage: Damage(constantColumn: true),
                        model: dense, train: well, seed: 256))
        all.append(Case(name: "r2 tilted d5, constant column raw", world: .tilted(5), n: 350,
                        damage: Damage(constantColumn: true), scaled: false, model: "model linear", train: line, seed: 257))
        all.append(Case(name: "r2 ball d4, wide, raw", world: .ball(4), n: 450, damage: Damage(wide: true), scaled: false,
                        model: dense, train: well, seed: 258))
        all.append(Case(name: "r2 tilted d8, wide, raw", world: .tilted(8), n: 350, damage: Damage(wide: true), scaled: false,
                        model: "model linear", train: "train lr=0.01 epochs=200", seed: 259))
        all.append(Case(name: "r2 wave d4, wide, scaled", world: .wave(4), n: 500, damage: Damage(wide: true),
                        model: "model dense32 relu dense16 relu", train: "train lr=0.01 epochs=200", seed: 260))
        // Imbalance.
        all.append(Case(name: "r2 ball d5, imbalance 0.2", world: .ball(5), n: 700, damage: Damage(imbalance: 0.2),
                        model: dense, train: well, seed: 261))
        all.append(Case(name: "r2 tilted d5, imbalance 0.12, linear", world: .tilted(5), n: 700,
                        damage: Damage(imbalance: 0.12), model: "model linear", train: line, seed: 262))
        // Training that fails the model.
        all.append(Case(name: "r2 ball d5, sgd lr 5e-4", world: .ball(5), n: 450, model: dense,
                        train: "train optimizer=sgd lr=0.0005 epochs=60", seed: 263))
        all.append(Case(name: "r2 wave d4, 5 epochs", world: .wave(4), n: 450, model: dense,
                        train: "train lr=0.002 epochs=5", seed: 264))
        all.append(Case(name: "r2 ball d5, l2 0.3", world: .ball(5), n: 450, model: dense,
                        train: "train lr=0.01 epochs=150 l2=0.3", seed: 265))
        all.append(Case(name: "r2 wave d4, adam lr 2", world: .wave(4), n: 450, model: dense,
                        train: "train lr=2 epochs=100", seed: 266))
        all.append(Case(name: "r2 tilted d6, sgd lr 10, linear", world: .tilted(6), n: 350, model: "model linear",
                        train: "train optimizer=sgd lr=10 epochs=100", seed: 267))
        // Small sets with big models.
        all.append(Case(name: "r2 tilted d6 n70, dense64", world: .tilted(6), n: 70, test: 0.2,
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=300", seed: 268))
        all.append(Case(name: "r2 soft d3 s3 n90, dense64", world: .soft(3, slope: 3), n: 90, test: 0.25,
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=400", seed: 269))
        all.append(Case(name: "r2 ball d12 n120, dense64", world: .ball(12), n: 120, test: 0.2,
                        model: "model dense64 relu dense64 relu", train: "train lr=0.01 epochs=300", seed: 270))
        // More seeds of healthy cases.
        for seed: UInt32 in [271, 272, 273] {
            all.append(Case(name: "r2 wave d6 seed \(seed)", world: .wave(6), n: 450, model: dense, train: well, seed: seed))
            all.append(Case(name: "r2 soft d7 s4 seed \(seed), linear", world: .soft(7, slope: 4), n: 450,
                            model: "model linear", train: "train lr=0.05 epochs=100", seed: seed))
        }
        return all
    }()

    /// Built-in sets of the second round: seeds from 201 on, other sizes and settings.
    static let secondRoundGeneratedCases: [(name: String, data: String, model: String, train: String)] = [
        ("r2 circles seed 201 n=250", "data circles seed=201 n=250", "model dense16 relu", "train lr=0.01 epochs=300"),
        ("r2 moons seed 202 n=350 flip=0.2, dense64", "data moons seed=202 n=350 flip=0.2", "model dense64 relu dense64 relu",
         "train lr=0.01 epochs=500"),
        ("r2 spiral seed 203 n=500 flip=0.1", "data spiral seed=203 n=500 flip=0.1", "model dense32 relu dense16 relu",
         "train lr=0.01 epochs=400"),
        ("r2 xor seed 204 flip=0.25", "data xor seed=204 n=400 flip=0.25", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("r2 blobs seed 205 flip=0.3", "data blobs seed=205 n=400 flip=0.3", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("r2 gauss seed 206 flip=0.15", "data gauss seed=206 n=500 flip=0.15", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("r2 circles seed 207 n=500, linear", "data circles seed=207 n=500", "model linear", "train lr=0.01 epochs=200"),
        ("r2 moons seed 208 imbalance=0.1, linear", "data moons seed=208 n=600 imbalance=0.1", "model linear",
         "train lr=0.01 epochs=200"),
        ("r2 spiral seed 209 n=300, linear", "data spiral seed=209 n=300", "model linear", "train lr=0.01 epochs=200"),
        ("r2 circles seed 210 n=80, dense64", "data circles seed=210 n=80", "model dense64 relu dense64 relu",
         "train lr=0.01 epochs=300"),
        ("r2 moons seed 211 noise=0.35", "data moons seed=211 n=400 noise=0.35", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("r2 blobs seed 212 sgd lr 1e-4", "data blobs seed=212 n=400", "model dense16 relu",
         "train optimizer=sgd lr=0.0001 epochs=30"),
        ("r2 circles seed 213 flip=0.05", "data circles seed=213 n=400 flip=0.05", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("r2 xor seed 214, adam lr 1", "data xor seed=214 n=400", "model dense16 relu", "train lr=1 epochs=100"),
    ]

    // MARK: Making the session

    /// A scenario ready to judge: the session after `diagnose`, its findings, and what the independent
    /// checks need (fresh points transformed as the file's features, the labels flipped).
    struct Run {
        let name: String
        let session: Session
        let findings: [(id: String, severity: String)]
        /// `budget` of `diagnose format=json`.
        let budget: [String: Any]
        /// Fresh points as raw feature rows, their labels and P(class 1 | x).
        let fresh: (x: [Double], y: [Int], p1: [Double])
        let flipShare: Double, conflictShare: Double
        let wide: Bool
        let seconds: Double
    }

    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-heldout-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Applies the feature changes of `damage` to rows of `d` features; returns the new width.
    static func reshape(_ x: [Double], features d: Int, _ damage: Damage) -> (x: [Double], features: Int) {
        var out: [Double] = []
        let width = d + (damage.constantColumn ? 1 : 0)
        out.reserveCapacity(x.count / d * width)
        for i in 0..<(x.count / d) {
            var row = Array(x[(i * d)..<((i + 1) * d)])
            if damage.wide { row[1] = row[1] * 1e4 + 5e4 }
            for (j, s) in damage.scales.enumerated() { row[j] *= s }
            if damage.constantColumn { row.append(3.7) }
            out += row
        }
        return (out, width)
    }

    static func make(_ c: Case) -> Run {
        let start = Date()
        var rng = RandomState(seed: c.seed)
        let drawn = c.world.sample(c.n, &rng)
        var x = drawn.x, y = drawn.y
        let d = c.world.features
        // Imbalance: drop class-1 rows at random.
        if c.damage.imbalance < 1 {
            var keepX: [Double] = [], keepY: [Int] = []
            for i in 0..<y.count where y[i] == 0 || rng.uniform() < c.damage.imbalance {
                keepX += x[(i * d)..<((i + 1) * d)]
                keepY.append(y[i])
            }
            x = keepX; y = keepY
        }
        var split = (0..<y.count).map { _ in "train" }
        for i in rng.permutation(y.count).prefix(Int((Double(y.count) * c.test).rounded())) { split[i] = "test" }
        let trainRows = split.indices.filter { split[$0] == "train" }
        var flipped = 0
        for i in rng.permutation(trainRows.count).prefix(Int((Double(trainRows.count) * c.damage.flip).rounded())) {
            y[trainRows[i]] = 1 - y[trainRows[i]]
            flipped += 1
        }
        let conflicts = Int((Double(trainRows.count) * c.damage.conflicting).rounded())
        for i in rng.permutation(trainRows.count).prefix(conflicts) {
            let r = trainRows[i]
            x += x[(r * d)..<((r + 1) * d)]
            y.append(1 - y[r])
            split.append("train")
        }
        for i in rng.permutation(trainRows.count).prefix(c.damage.outliers) { x[trainRows[i] * d] += 30 }
        let (rows, width) = reshape(x, features: d, c.damage)
        var csv = ((1...width).map { "f\($0)" } + ["label", "split"]).joined(separator: ",") + "\n"
        for i in 0..<y.count {
            csv += rows[(i * width)..<((i + 1) * width)].map { "\($0)" }.joined(separator: ",") + ",\(y[i]),\(split[i])\n"
        }
        let file = c.name.map { $0.isLetter || $0.isNumber ? $0 : "-" } + ".csv"
        try! csv.write(to: folder.appendingPathComponent(String(file)), atomically: true, encoding: .utf8)

        let session = Session()
        session.directory = folder.path
        let load = "data load file=\(String(file))" + (c.scaled ? "" : " scale=off")
        let (findings, budget) = diagnose(session, [load, c.model, c.train])
        var freshRNG = RandomState(seed: c.seed + 1000)
        let fresh = c.world.sample(20_000, &freshRNG)
        let trainCount = Double(y.count - split.filter { $0 == "test" }.count)
        return Run(name: c.name, session: session, findings: findings, budget: budget,
                   fresh: (reshape(fresh.x, features: d, c.damage).x, fresh.y, fresh.p1),
                   flipShare: Double(flipped) / trainCount, conflictShare: Double(conflicts) / trainCount,
                   wide: c.damage.unscaled && !c.scaled, seconds: Date().timeIntervalSince(start))
    }

    /// A built-in set: fresh points are the same generator with another seed, and P(class 1 | x) comes
    /// from its class densities.
    static func make(generated g: (name: String, data: String, model: String, train: String)) -> Run {
        let start = Date()
        let session = Session()
        let (findings, budget) = diagnose(session, [g.data, g.model, g.train])
        let spec = session.data!.spec!
        var freshSpec = DataSpec(kind: spec.kind, n: 5000, noise: spec.noise, seed: spec.seed &+ 7919, test: 0.5,
                                 imbalance: spec.imbalance)
        freshSpec.scaled = false
        let fresh = freshSpec.generate().prepared.dataset
        let densities = spec.classDensities(points: 256)
        let p1 = (0..<fresh.count).map { i in posterior(densities, fresh.x[2 * i], fresh.x[2 * i + 1]) }
        return Run(name: g.name, session: session, findings: findings, budget: budget, fresh: (fresh.x, fresh.y, p1),
                   flipShare: Double(session.data!.flipped.count) / Double(session.data!.prepared.split.train.count),
                   conflictShare: 0, wide: false, seconds: Date().timeIntervalSince(start))
    }

    /// P(class 1 | point) from the classes' shapes blurred by their noise, with their priors.
    static func posterior(_ classes: [ClassDensity], _ px: Double, _ py: Double) -> Double {
        let mass = classes.map { c -> Double in
            var sum = 0.0
            let s2 = 2 * c.noise * c.noise
            for p in stride(from: 0, to: c.shape.count, by: 2) {
                let dx = px - c.shape[p], dy = py - c.shape[p + 1]
                sum += exp(-(dx * dx + dy * dy) / s2)
            }
            return c.prior * sum / Double(c.shape.count / 2)
        }
        return mass[0] + mass[1] > 0 ? mass[1] / (mass[0] + mass[1]) : 0.5
    }

    /// Runs the lines, then `diagnose format=json`, and reads the findings back from the JSON.
    static func diagnose(_ session: Session, _ lines: [String]) -> (findings: [(id: String, severity: String)], budget: [String: Any]) {
        for line in lines {
            if case .error(let e)? = session.run(line).first { fatalError("\(line): \(e)") }
        }
        guard case .text(let json)? = session.run("diagnose format=json").first,
              let top = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let findings = top["findings"] as? [[String: Any]], let budget = top["budget"] as? [String: Any]
        else { fatalError("diagnose format=json after \(lines): \(session.run("diagnose format=json"))") }
        return (findings.map { ($0["id"] as! String, $0["severity"] as! String) }, budget)
    }

    /// Every budget row whose share its own evidence does not bear out, as read from `diagnose format=json`.
    static func contradictions(_ budget: [String: Any]) -> [String] { BudgetEvidenceTests.contradictions(budget) }

    // MARK: The independent checks

    /// What the checks say about one run, and from them what each id must do.
    struct Truth {
        var expect: [String: ScenarioExpect] = [:]
        var notes: [String] = []
    }

    /// The checks, from measurements on the run's session and on fresh points.
    static func truth(_ run: Run) -> Truth {
        var t = Truth()
        let data = run.session.data!.prepared, network = run.session.run!.network
        let training = data.training
        let train = Evaluation(network: network, x: training.xTrain, y: training.yTrain)
        let test = Evaluation(network: network, x: training.xTest, y: training.yTest)
        let freshX = data.scaler.transform(run.fresh.x)
        let population = Evaluation(network: network, x: freshX, y: run.fresh.y.map(Double.init)).accuracy
        let bayes = run.fresh.p1.reduce(0) { $0 + min($1, 1 - $1) } / Double(run.fresh.p1.count)
        let diverged: Bool = { if case .diverged? = run.session.lastStop { return true } else { return false } }()
        let hidden = run.session.hidden ?? []
        // What the training labels force: the overlap, the flips and one of each conflicting pair.
        let forced = bayes + run.flipShare + run.conflictShare
        let reachable = 1 - forced
        t.notes.append(String(format: "bayes %.3f, train %.3f, test %.3f, fresh %.3f", bayes, train.accuracy, test.accuracy, population))

        // class-overlap: the Bayes error on fresh points.
        t.expect["class-overlap"] = bayes >= 0.12 ? .fires : bayes < 0.07 ? .quiet : .ignored
        // label-noise: labels this test flipped, where the overlap does not hide them.
        t.expect["label-noise"] = run.flipShare >= 0.05 && bayes <= 0.03 ? .fires
            : run.flipShare == 0 && run.conflictShare == 0 ? .quiet : .ignored
        // class-imbalance: the training rows' class shares.
        let counts = data.dataset.counts(of: data.split.train)
        let minority = Double(counts.min()!) / Double(counts.reduce(0, +))
        t.expect["class-imbalance"] = minority < 0.25 ? .fires : minority > 0.35 ? .quiet : .ignored
        // unscaled-features: a feature ten thousand times wider than the others, fed in raw.
        t.expect["unscaled-features"] = run.wide ? .fires : .quiet
        // diverged: the run's own stop.
        t.expect["diverged"] = diverged ? .fires : .quiet
        // small-test-set: the width of the test accuracy's 95% interval.
        let right = test.confusion[0][0] + test.confusion[1][1]
        let (low, high) = Proportion.interval(right, of: test.n)
        t.expect["small-test-set"] = high - low > 0.12 ? .notes : high - low < 0.08 ? .silent : .ignored
        // predicts-one-class: the forward pass of the saved weights answers one class while something does better.
        let ones = network.logits(training.xTrain).filter { $0 > 0 }.count
        let oneAnswer = Double(max(ones, train.n - ones)) / Double(train.n)
        let majority = Double(counts.max()!) / Double(counts.reduce(0, +))
        t.expect["predicts-one-class"] = oneAnswer >= 0.97 && reachable - majority >= 0.03 ? .fires
            : oneAnswer < 0.9 || reachable - majority < 0.01 ? .quiet : .ignored
        // dead-relu: the forward pass of the saved weights.
        let dead = hiddenDeadShare(network, training.xTrain)
        t.expect["dead-relu"] = dead.map { $0 >= 0.6 ? .fires : $0 < 0.3 ? .quiet : .ignored } ?? .quiet

        // linear-inseparable: an exact LP on the training rows, and the best line on fresh points.
        if hidden.isEmpty && !diverged {
            let rows = StandardRows(data)
            // The truth takes as many steps as it needs (no cap: never nil).
            let separable = Separability.separable(rows.x, rows.y, features: rows.features, maxPivots: .max) == true
            // 3000 fresh points at random (the built-in generators write their points in order of the shape).
            var pick = RandomState(seed: 5)
            let chosen = pick.permutation(run.fresh.y.count).prefix(3000), d = data.dataset.features
            let x = chosen.flatMap { run.fresh.x[($0 * d)..<(($0 + 1) * d)] }
            let line = Separability.bestLineAccuracy(Scaler.fit(x, features: d).transform(x),
                                                     chosen.map { Double(run.fresh.y[$0]) }, features: d)
            t.notes.append(String(format: "separable %@, best line on fresh points %.3f", separable ? "yes" : "no", line))
            t.expect["linear-inseparable"] = !separable && line < 1 - bayes - 0.06 ? .fires
                : separable || line >= 1 - bayes - 0.03 ? .quiet : .ignored
        } else {
            t.expect["linear-inseparable"] = .quiet
        }

        // Capacity against training: the same layers trained well (Adam, lr 0.01, no l2, scaled, three times as long).
        let shortfall = reachable - train.accuracy
        let wellTrained = retrained(data, hidden: hidden, epochs: max(3 * run.session.run!.config.epochs, 300))
        t.notes.append(String(format: "same layers trained well: train %.3f (reachable %.3f)", wellTrained, reachable))
        if diverged {
            t.expect["underfitting"] = .quiet
            t.expect["(optimisation)"] = .fires
        } else if shortfall >= 0.06 {
            // Too simple only if training it well does not help; else the training failed it.
            let simple = wellTrained < reachable - 0.06, fits = wellTrained >= reachable - 0.03
            t.expect["underfitting"] = simple ? .fires : fits ? .quiet : .ignored
            t.expect["(optimisation)"] = fits ? .fires : simple ? .quiet : .ignored
        } else {
            t.expect["underfitting"] = shortfall < 0.03 ? .quiet : .ignored
            t.expect["(optimisation)"] = shortfall < 0.03 ? .quiet : .ignored
        }
        // overfitting: the population gap, against the accuracy on fresh points.
        let gap = train.accuracy - population
        t.notes.append(String(format: "population gap %.3f", gap))
        t.expect["overfitting"] = gap >= 0.1 && population <= 1 - bayes - 0.05 ? .fires
            : gap < 0.04 || population >= 1 - bayes - 0.02 ? .quiet : .ignored
        return t
    }

    /// The share of ReLU units that output 0 at every training point; nil without ReLU units.
    static func hiddenDeadShare(_ network: Network, _ x: [Double]) -> Double? {
        var dead = 0, units = 0
        for (layer, values) in zip(network.hidden, network.hiddenValues(x)) where layer.activation == .relu {
            for o in 0..<layer.outputs {
                units += 1
                if !stride(from: o, to: values.z.count, by: layer.outputs).contains(where: { values.z[$0] > 0 }) { dead += 1 }
            }
        }
        return units == 0 ? nil : Double(dead) / Double(units)
    }

    /// The best training accuracy of the same layers trained well on scaled inputs, over two seeds.
    static func retrained(_ data: PreparedData, hidden: [LayerSpec], epochs: Int) -> Double {
        let scaled = PreparedData(dataset: data.dataset, split: data.split, scaled: true).training
        return [UInt32(0), 1].map { seed -> Double in
            var run = TrainingRun(network: Network(inputs: scaled.features, hidden: hidden),
                                  config: TrainConfig(learningRate: 0.01, epochs: epochs, seed: seed))
            _ = run.train(scaled, epochs: epochs)
            return Evaluation(network: run.network, x: scaled.xTrain, y: scaled.yTrain).accuracy
        }.max()!
    }

    // MARK: Judging

    /// Ids judged here; the rest (oscillating-loss, saturation, seed-sensitive) have no independent check yet.
    /// `(optimisation)` is any of not-converged, oscillating-loss, diverged, dead-relu and saturation: a finding
    /// that blames the training rather than the model.
    static let judged = [
        "linear-inseparable", "underfitting", "(optimisation)", "class-imbalance", "predicts-one-class", "label-noise",
        "class-overlap", "small-test-set", "diverged", "overfitting", "unscaled-features", "dead-relu",
    ]
    static let optimisation: Set<String> = ["not-converged", "oscillating-loss", "diverged", "dead-relu", "saturation"]

    /// Loaded scenarios of both rounds, then built-in ones.
    static let loadedCases = firstRoundCases + secondRoundCases
    static let generatedCases = firstRoundGeneratedCases + secondRoundGeneratedCases
    /// The runs, made on first use.
    static let runs: [Run] = loadedCases.map(make) + generatedCases.map { make(generated: $0) }

    func testTuningPrecisionAndRecall() {
        let (total, mismatches) = Self.grade("tuning", Self.runs, loadedCount: Self.loadedCases.count)
        XCTAssertGreaterThanOrEqual(total.precision, Self.floor.precision, mismatches.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(total.recall, Self.floor.recall, mismatches.joined(separator: "\n"))
    }

    /// Judges every run of a half, prints per-id precision and recall (unless `show` is false), checks the budget against
    /// its evidence, and returns the loud findings' tally with the mismatches.
    static func grade(_ half: String, _ runs: [Run], loadedCount: Int, show: Bool = true) -> (ScenarioTally, [String]) {
        func print(_ line: String) { if show { Swift.print(line) } }
        var perID: [String: ScenarioTally] = [:], mismatches: [String] = []
        var loaded = ScenarioTally(), generated = ScenarioTally()
        for (index, run) in runs.enumerated() {
            let truth = Self.truth(run)
            let loud = Set(run.findings.filter { $0.severity != "note" }.map(\.id))
            let any = Set(run.findings.map(\.id))
            print("\(half) " + run.name.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + String(format: "%5.2fs  ", run.seconds)
                  + run.findings.map { "\($0.id)(\($0.severity.prefix(1)))" }.joined(separator: " "))
            print("    " + truth.notes.joined(separator: "; "))
            for id in Self.judged {
                let fired = id == "(optimisation)" ? !loud.isDisjoint(with: Self.optimisation) : loud.contains(id)
                var t = ScenarioTally()
                switch truth.expect[id] ?? .ignored {
                case .fires: if fired { t.tp = 1 } else { t.fn = 1 }
                case .notes: if any.contains(id) { t.tp = 1 } else { t.fn = 1 }
                case .quiet: if fired { t.fp = 1 } else { t.tn = 1 }
                case .silent: if any.contains(id) { t.fp = 1 } else { t.tn = 1 }
                case .ignored: break
                }
                perID[id, default: ScenarioTally()] += t
                if index < loadedCount { loaded += t } else { generated += t }
                if t.fp + t.fn > 0 { mismatches.append("\(t.fp > 0 ? "FP" : "FN") \(id) in \(run.name)") }
            }
        }
        var total = ScenarioTally()
        for t in perID.values { total += t }
        print(String(format: "%@ half: %d scenarios (%d loaded CSVs), %d judgements: precision %.3f, recall %.3f "
                     + "(loaded %.3f/%.3f, generated %.3f/%.3f)",
                     half, runs.count, loadedCount, total.tp + total.fp + total.fn + total.tn, total.precision, total.recall,
                     loaded.precision, loaded.recall, generated.precision, generated.recall))
        print("id                     TP  FP  FN   TN  precision  recall")
        for id in Self.judged {
            let t = perID[id] ?? ScenarioTally()
            print(id.padding(toLength: 20, withPad: " ", startingAt: 0)
                  + String(format: " %4d %3d %3d %4d  %9.3f  %6.3f", t.tp, t.fp, t.fn, t.tn, t.precision, t.recall))
        }
        for m in mismatches { print("\(half) mismatch: " + m) }
        let contradicted = runs.flatMap { run in Self.contradictions(run.budget).map { "\(run.name): \($0)" } }
        XCTAssertEqual(contradicted, [], "budget rows against their own evidence")
        return (total, mismatches)
    }

    /// The floor both rounds hold today (measured, not the target, which is 0.95 each): raised as the analyzers improve.
    /// The first round, when written, before any analyzer was changed for it: precision 0.648, recall 0.822; with the
    /// Bayes error of loaded data from the features that carry the classes (and 0 on separable rows): 0.800, 0.902; with
    /// capacity told from optimisation by experiment and overfitting judged by 5-fold cross-validation: 0.848, 0.931;
    /// with label noise looked for among the features that carry the classes: 0.831, 0.961 (its two guards for loaded
    /// data were set looking at this round's misses: tuning data from then on). The second round, when written, before
    /// any analyzer was changed for it: 0.766, 0.905 (loaded 0.721/0.882, built-in 1.000/1.000).
    /// With confident learning joining label-noise's vote, doubted labels left out of the loaded Bayes error and
    /// counted as wrong labels in the training floor, and label-noise on loaded data told from overlap by where the
    /// neighbours misjudge (tuned on the first round only): first 0.961, 0.961; second 0.814, 0.876.
    /// With predicts-one-class firing wherever the data allow clearly more than the common class, and overfitting's
    /// gap measured on fresh generated points where labels were flipped: first 0.962, 0.980; second unchanged. With the
    /// loaded Bayes error bounded by the setting's cross-validated error: first unchanged; second 0.820, 0.875.
    /// Both rounds together then: 0.888, 0.927. With label-noise on loaded data also firing where the misjudged rows keep
    /// their rate where the neighbours are surest (`LabelNoise.plateaus`: flips on a ball in 3 of 6 features, tilted
    /// lines in 9 and 20): 0.921, 0.961 (label-noise 0.926/0.962, class-overlap 0.550/0.786). With constant columns
    /// left out of unscaled-features' comparison of scales (a note of their own): 0.930, 0.961 (unscaled-features
    /// 0.667/1.000 -> 1.000/1.000).
    static let floor = (precision: 0.92, recall: 0.95)
}

/// As in `ScenarioSuiteTests` (another test target): what one id must do, and the tally.
enum ScenarioExpect { case fires, notes, quiet, silent, ignored }

struct ScenarioTally {
    var tp = 0, fp = 0, fn = 0, tn = 0
    var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    static func += (l: inout ScenarioTally, r: ScenarioTally) { l.tp += r.tp; l.fp += r.fp; l.fn += r.fn; l.tn += r.tn }
}
