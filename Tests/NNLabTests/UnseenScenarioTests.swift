import Foundation
import NNCore
import XCTest

/// Issue 12's held-out half of the scenario suite, written after both rounds now in `TuningScenarioTests` had been
/// looked at (and so become tuning data): scenarios nobody tunes on. The worlds are new (an annulus sector, a
/// spherical shell, a checkerboard, stripes, an L-shaped corner, a sine boundary over three features, hyperplanes in
/// 20–40 features with three informative ones, Gaussians at six centres, heavy-tailed classes, a soft boundary over
/// five features), as are the seeds (from 301 on), the sizes (60 to 5000 rows) and the damage's strengths, ranges
/// from 10⁻⁶ to 10⁶ and near-constant columns among them. Every id's truth comes from `TuningScenarioTests.truth`'s
/// independent checks (Bayes error from the generator, exact LP, counterfactual retraining, population gap, known
/// flips, the saved weights' forward pass), never from the analyzers.
///
/// So that nobody tunes on it by looking, the per-id table prints only with NNLAB_PRINT_FRESH=1; otherwise the test
/// holds floors well below what it measured when written (see `floor`), to catch large regressions.
final class UnseenScenarioTests: XCTestCase {
    typealias World = TuningScenarioTests.World
    typealias Case = TuningScenarioTests.Case
    typealias Damage = TuningScenarioTests.Damage

    static let loaded: [Case] = {
        var all: [Case] = []
        let d16 = "model dense16 relu", d32 = "model dense32 relu", deep = "model dense32 relu dense16 relu"
        let big = "model dense64 relu dense64 relu", linear = "model linear"
        let well = "train lr=0.01 epochs=150", line = "train lr=0.05 epochs=200"
        func add(_ name: String, _ world: World, n: Int, test: Double = 0.25, damage: Damage = Damage(), scaled: Bool = true,
                 _ model: String, _ train: String, seed: UInt32) {
            all.append(Case(name: "unseen " + name, world: world, n: n, test: test, damage: damage, scaled: scaled,
                            model: model, train: train, seed: seed))
        }
        // Sharp boundaries, with and without noise features, each learnt by hidden layers.
        add("sector d2", .sector(2), n: 600, d32, "train lr=0.01 epochs=200", seed: 301)
        add("sector d9", .sector(9), n: 900, d32, well, seed: 302)
        add("shell d4", .shell(4), n: 800, deep, "train lr=0.01 epochs=200", seed: 303)
        add("shell d18", .shell(18), n: 1500, d32, well, seed: 304)
        add("sine3 d3", .sine3(3), n: 700, deep, "train lr=0.01 epochs=250", seed: 305)
        add("sine3 d14", .sine3(14), n: 1200, deep, well, seed: 306)
        add("checker d2", .checker(2), n: 1000, "model dense32 relu dense32 relu", "train lr=0.01 epochs=200", seed: 307)
        add("stripes d6", .stripes(6), n: 800, d32, "train lr=0.01 epochs=200", seed: 308)
        add("corner d11", .corner(11), n: 500, d16, "train lr=0.01 epochs=200", seed: 309)
        add("six centres d2 σ0.45", .sixCentres(2, sigma: 0.45), n: 600, d16, "train lr=0.01 epochs=200", seed: 310)
        add("six centres d7 σ0.45", .sixCentres(7, sigma: 0.45), n: 600, d32, well, seed: 311)
        // Flat boundaries in many features, few of them informative, by a line.
        add("sparse d20, linear", .sparse(20), n: 400, linear, line, seed: 312)
        add("sparse d32 n2000, linear", .sparse(32), n: 2000, linear, "train lr=0.02 epochs=100", seed: 313)
        add("sparse d40 n5000, linear", .sparse(40), n: 5000, linear, "train lr=0.01 epochs=40", seed: 314)
        add("five s8 d12, linear", .five(12, slope: 8), n: 700, linear, line, seed: 315)
        // A line where a curve is needed; hidden layers too small for the shape.
        add("sector d5, linear", .sector(5), n: 600, linear, line, seed: 316)
        add("shell d3, linear", .shell(3), n: 500, linear, line, seed: 317)
        add("checker d4, linear", .checker(4), n: 600, linear, line, seed: 318)
        add("six centres d3 σ0.45, linear", .sixCentres(3, sigma: 0.45), n: 600, linear, line, seed: 319)
        add("corner d2, linear", .corner(2), n: 500, linear, line, seed: 320)
        add("stripes d2, dense2", .stripes(2), n: 400, "model dense2 relu", "train lr=0.01 epochs=300", seed: 321)
        add("checker d2, dense4", .checker(2), n: 800, "model dense4 relu", "train lr=0.01 epochs=300", seed: 322)
        // Overlap of known size: heavy tails, a soft boundary, wide centres.
        add("heavy d3 μ1.5", .heavy(3, mu: 1.5), n: 800, d16, "train lr=0.01 epochs=100", seed: 323)
        add("heavy d15 μ1.5, linear", .heavy(15, mu: 1.5), n: 1000, linear, line, seed: 324)
        add("heavy d6 μ3, linear", .heavy(6, mu: 3), n: 800, linear, line, seed: 325)
        add("five s1.5 d8, linear", .five(8, slope: 1.5), n: 900, linear, line, seed: 326)
        add("six centres d4 σ0.9", .sixCentres(4, sigma: 0.9), n: 900, d32, well, seed: 327)
        add("five s1.5 d25 n3000, linear", .five(25, slope: 1.5), n: 3000, linear, "train lr=0.02 epochs=60", seed: 328)
        // Flipped training labels, 6–22%, on sharp boundaries and in overlap; one memorised by a big model.
        add("sector d4, flip 6%", .sector(4), n: 800, damage: Damage(flip: 0.06), d32, well, seed: 329)
        add("shell d5, flip 10%", .shell(5), n: 1000, damage: Damage(flip: 0.1), deep, well, seed: 330)
        add("sparse d24, flip 15%, linear", .sparse(24), n: 900, damage: Damage(flip: 0.15), linear, line, seed: 331)
        add("sine3 d6, flip 22%", .sine3(6), n: 1200, damage: Damage(flip: 0.22), deep, well, seed: 332)
        add("stripes d3, flip 12%", .stripes(3), n: 900, damage: Damage(flip: 0.12), d32, "train lr=0.01 epochs=200", seed: 333)
        add("checker d2, flip 18%, memorised", .checker(2), n: 260, damage: Damage(flip: 0.18),
            big, "train lr=0.01 epochs=500", seed: 334)
        add("heavy d4 μ1.5, flip 10%", .heavy(4, mu: 1.5), n: 600, damage: Damage(flip: 0.1), d16, well, seed: 335)
        // Duplicated rows with the other label.
        add("sector d6, conflicting 6%", .sector(6), n: 700, damage: Damage(conflicting: 0.06), d32, well, seed: 336)
        add("sparse d30, conflicting 12%, linear", .sparse(30), n: 800, damage: Damage(conflicting: 0.12), linear, line, seed: 337)
        add("six centres d3 σ0.45, conflicting 20%", .sixCentres(3, sigma: 0.45), n: 500, damage: Damage(conflicting: 0.2), d32, well,
            seed: 338)
        // Outliers, constant and near-constant columns.
        add("sparse d22, outliers, linear", .sparse(22), n: 500, damage: Damage(outliers: 8), linear, line, seed: 339)
        add("shell d4, outliers", .shell(4), n: 700, damage: Damage(outliers: 10), d32, well, seed: 340)
        add("sine3 d5, constant column", .sine3(5), n: 700, damage: Damage(constantColumn: true), deep, well, seed: 341)
        add("six centres d4 σ0.45, constant column raw", .sixCentres(4, sigma: 0.45), n: 600, damage: Damage(constantColumn: true),
            scaled: false, d16, well, seed: 342)
        add("sparse d21, near-constant column, linear", .sparse(21), n: 600, damage: Damage(scales: [1, 1, 1, 1, 1e-7]), linear, line,
            seed: 343)
        // Values from 10⁻⁶ to 10⁶, raw and scaled, and raw ones that a large step blows up.
        add("sparse d20, 1e-6..1e6 raw, linear", .sparse(20), n: 500, damage: Damage(scales: [1e6, 1e-3, 1e2, 1e-6, 10]), scaled: false,
            linear, "train lr=0.01 epochs=200", seed: 344)
        add("sector d5, 1e-6 raw", .sector(5), n: 600, damage: Damage(scales: [1e-6, 1e-5, 1, 1, 1]), scaled: false, d32, well, seed: 345)
        add("shell d6, 1e-2..1e6 scaled", .shell(6), n: 800, damage: Damage(scales: [1e3, 1e6, 1e-2]), d32, well, seed: 346)
        add("five s8 d8, 1e-6..1e6 raw, sgd lr 1", .five(8, slope: 8), n: 600, damage: Damage(scales: [1e-6, 1e6, 1, 1e3, 1e-3]),
            scaled: false, d32, "train optimizer=sgd lr=1 epochs=50", seed: 347)
        add("sine3 d4, 1e5 raw, sgd lr 10", .sine3(4), n: 600, damage: Damage(scales: [1e5, 1, 1e-4]), scaled: false, d16,
            "train optimizer=sgd lr=10 epochs=50", seed: 348)
        // Imbalance, and a line answering the common class.
        add("sector d5, imbalance 0.15", .sector(5), n: 1200, damage: Damage(imbalance: 0.15), d32, well, seed: 349)
        add("sparse d26, imbalance 0.1, linear", .sparse(26), n: 1500, damage: Damage(imbalance: 0.1), linear, line, seed: 350)
        add("shell d3, imbalance 0.12, linear", .shell(3), n: 900, damage: Damage(imbalance: 0.12), linear, line, seed: 351)
        // Training that fails the model.
        add("sector d4, sgd lr 1e-4", .sector(4), n: 700, d32, "train optimizer=sgd lr=0.0001 epochs=40", seed: 352)
        add("shell d5, adam lr 1e-4, 15 epochs", .shell(5), n: 700, deep, "train lr=0.0001 epochs=15", seed: 353)
        add("sine3 d4, l2 0.8", .sine3(4), n: 700, d32, "train lr=0.01 epochs=150 l2=0.8", seed: 354)
        add("checker d3, adam lr 3", .checker(3), n: 700, d32, "train lr=3 epochs=100", seed: 355)
        add("stripes d4, sgd lr 4", .stripes(4), n: 700, d32, "train optimizer=sgd lr=4 epochs=80", seed: 356)
        add("sparse d20, sgd lr 10, linear", .sparse(20), n: 600, linear, "train optimizer=sgd lr=10 epochs=60", seed: 357)
        add("six centres d2 σ0.45, tanh lr 5", .sixCentres(2, sigma: 0.45), n: 600, "model dense16 tanh",
            "train lr=5 epochs=100", seed: 358)
        add("sector d3, patience", .sector(3), n: 700, d16, "train lr=0.01 epochs=600 patience=20", seed: 359)
        // Small sets and big models.
        add("sparse d28 n60, dense64", .sparse(28), n: 60, big, "train lr=0.01 epochs=300", seed: 360)
        add("heavy d5 μ1.5 n90, dense64", .heavy(5, mu: 1.5), n: 90, big, "train lr=0.01 epochs=400", seed: 361)
        add("sine3 d3 n120", .sine3(3), n: 120, test: 0.2, d32, "train lr=0.01 epochs=300", seed: 362)
        add("five s3 d10 n200, dense64", .five(10, slope: 3), n: 200, big, "train lr=0.01 epochs=500", seed: 363)
        add("sector d2 n100, linear", .sector(2), n: 100, test: 0.3, linear, line, seed: 364)
        // More seeds of healthy cases.
        for seed: UInt32 in [365, 366, 367] {
            add("shell d6 seed \(seed)", .shell(6), n: 700, d32, well, seed: seed)
            add("sparse d35 seed \(seed), linear", .sparse(35), n: 800, linear, "train lr=0.05 epochs=100", seed: seed + 3)
        }
        return all
    }()

    /// Built-in sets at seeds from 301 on, sizes 60–5000, through `data KIND`.
    static let generated: [(name: String, data: String, model: String, train: String)] = [
        ("unseen circles seed 301 n=5000", "data circles seed=301 n=5000", "model dense8 relu", "train lr=0.01 epochs=40"),
        ("unseen moons seed 302 n=60, dense64", "data moons seed=302 n=60", "model dense64 relu dense64 relu",
         "train lr=0.01 epochs=300"),
        ("unseen spiral seed 303 n=800, 60 epochs", "data spiral seed=303 n=800", "model dense16 relu", "train lr=0.01 epochs=60"),
        ("unseen xor seed 304 flip=0.12", "data xor seed=304 n=700 flip=0.12", "model dense16 relu", "train lr=0.01 epochs=200"),
        ("unseen gauss seed 305 n=1200, linear", "data gauss seed=305 n=1200", "model linear", "train lr=0.01 epochs=100"),
        ("unseen blobs seed 306 imbalance=0.1", "data blobs seed=306 n=500 imbalance=0.1", "model dense16 relu",
         "train lr=0.01 epochs=150"),
        ("unseen circles seed 307, sgd lr 10", "data circles seed=307 n=400", "model dense32 relu",
         "train optimizer=sgd lr=10 epochs=60"),
        ("unseen moons seed 308 imbalance=0.08, linear", "data moons seed=308 n=500 imbalance=0.08", "model linear",
         "train lr=0.01 epochs=200"),
        ("unseen spiral seed 309 flip=0.2, dense64", "data spiral seed=309 n=300 flip=0.2", "model dense64 relu dense64 relu",
         "train lr=0.01 epochs=400"),
        ("unseen moons seed 310 noise=0.05, linear", "data moons seed=310 n=400 noise=0.05", "model linear",
         "train lr=0.01 epochs=200"),
        ("unseen blobs seed 311 n=2500, linear", "data blobs seed=311 n=2500", "model linear", "train lr=0.01 epochs=50"),
        ("unseen gauss seed 312 flip=0.1", "data gauss seed=312 n=600 flip=0.1", "model dense16 relu", "train lr=0.01 epochs=150"),
        ("unseen xor seed 313 n=150, dense4 tanh", "data xor seed=313 n=150", "model dense4 tanh", "train lr=0.05 epochs=200"),
        ("unseen circles seed 314, adam lr 2", "data circles seed=314 n=900", "model dense16 relu", "train lr=2 epochs=80"),
    ]

    /// Loud findings' precision and recall on this half when written, on main at ad66ba6: 0.81 and 0.81 (per id: only
    /// with NNLAB_PRINT_FRESH=1). The floors sit well below and catch only large regressions; the target is 0.95 each.
    static let floor = (precision: 0.65, recall: 0.65)

    func testUnseenHalfPrecisionAndRecall() {
        let show = ProcessInfo.processInfo.environment["NNLAB_PRINT_FRESH"] == "1"
        let runs = Self.loaded.map(TuningScenarioTests.make) + Self.generated.map { TuningScenarioTests.make(generated: $0) }
        let (total, mismatches) = TuningScenarioTests.grade("unseen", runs, loadedCount: Self.loaded.count, show: show)
        XCTAssertGreaterThanOrEqual(Self.loaded.count, 45, "loaded-CSV scenarios")
        XCTAssertGreaterThanOrEqual(runs.count, 60, "scenarios")
        let why = show ? mismatches.joined(separator: "\n") : "NNLAB_PRINT_FRESH=1 prints the mismatches"
        XCTAssertGreaterThanOrEqual(total.precision, Self.floor.precision, why)
        XCTAssertGreaterThanOrEqual(total.recall, Self.floor.recall, why)
    }
}

// MARK: Worlds none of the analyzers (nor the other halves) were looked at on

extension TuningScenarioTests.World {
    /// Class 1 in an annulus sector of the first two features: radius 0.6–1.8, angle −1.5 to 2.5 (about 40%).
    static func sector(_ d: Int) -> Self {
        Self(name: "sector d\(d)", features: d) { rng, d in
            let x = normals(&rng, d)
            let r = (x[0] * x[0] + x[1] * x[1]).squareRoot(), angle = atan2(x[1], x[0])
            return (x, r > 0.6 && r < 1.8 && angle > -1.5 && angle < 2.5 ? 1 : 0)
        }
    }

    /// Class 1 in a spherical shell of the first three features, radius 1.2–2 (about 44%).
    static func shell(_ d: Int) -> Self {
        Self(name: "shell d\(d)", features: d) { rng, d in
            let x = normals(&rng, d)
            let r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2]
            return (x, r2 > 1.44 && r2 < 4 ? 1 : 0)
        }
    }

    /// A checkerboard of unit cells in the first two features.
    static func checker(_ d: Int) -> Self {
        Self(name: "checker d\(d)", features: d) { rng, d in
            let x = normals(&rng, d)
            return (x, (Int(x[0].rounded(.down)) + Int(x[1].rounded(.down))) % 2 == 0 ? 1 : 0)
        }
    }

    /// Parallel stripes along x1: class 1 where sin(2.2·x1) > 0.
    static func stripes(_ d: Int) -> Self {
        Self(name: "stripes d\(d)", features: d) { rng, d in
            let x = normals(&rng, d)
            return (x, sin(2.2 * x[0]) > 0 ? 1 : 0)
        }
    }

    /// An L-shaped corner: class 1 where max(x1, x2) > 0.5.
    static func corner(_ d: Int) -> Self {
        Self(name: "corner d\(d)", features: d) { rng, d in
            let x = normals(&rng, d)
            return (x, max(x[0], x[1]) > 0.5 ? 1 : 0)
        }
    }

    /// A curved boundary over three features (d ≥ 3): x3 > 0.8·sin(1.5·x1) + 0.6·cos(2·x2).
    static func sine3(_ d: Int) -> Self {
        Self(name: "sine3 d\(d)", features: d) { rng, d in
            let x = normals(&rng, d)
            return (x, x[2] > 0.8 * sin(1.5 * x[0]) + 0.6 * cos(2 * x[1]) ? 1 : 0)
        }
    }

    /// A flat boundary over three of d features, off the centre: x1 − 0.8·x2 + 0.6·x3 > 0.3.
    static func sparse(_ d: Int) -> Self {
        Self(name: "sparse d\(d)", features: d) { rng, d in
            let x = normals(&rng, d)
            return (x, x[0] - 0.8 * x[1] + 0.6 * x[2] > 0.3 ? 1 : 0)
        }
    }

    /// Six Gaussians of spread σ on a circle of radius 2 in the first two features, the classes alternating
    /// (three each, 60° apart): no line separates them, and σ sets the overlap.
    static func sixCentres(_ d: Int, sigma: Double) -> Self {
        let centres = (0..<6).map { k -> (Double, Double) in
            let angle = Double(k) * Double.pi / 3 + Double.pi / 6
            return (2 * cos(angle), 2 * sin(angle))
        }
        return Self(name: "six centres d\(d) σ\(sigma)", features: d) { rng, d in
            var x = normals(&rng, d)
            let k = Int(rng.uniform() * 6) % 6
            x[0] = centres[k].0 + sigma * x[0]
            x[1] = centres[k].1 + sigma * x[1]
            // Equal weights: P(class 1 | x) is the odd centres' share of the density.
            let mass = centres.map { c -> Double in
                let dx = x[0] - c.0, dy = x[1] - c.1
                return exp(-(dx * dx + dy * dy) / (2 * sigma * sigma))
            }
            let odd = mass[1] + mass[3] + mass[5], all = mass.reduce(0, +)
            return (x, all > 0 ? odd / all : 0.5)
        }
    }

    /// Student's t with 2 degrees of freedom in every feature (heavy tails: its own outliers), the classes ±μ apart
    /// along x1. The Bayes boundary is x1 = 0 and the error P(t₂ > μ): 13.6% at μ 1.5, 4.8% at μ 3.
    static func heavy(_ d: Int, mu: Double) -> Self {
        func t2(_ rng: inout RandomState) -> Double { rng.normal() / max(-log(max(rng.uniform(), 1e-300)), 1e-300).squareRoot() }
        func density(_ z: Double) -> Double { pow(1 + z * z / 2, -1.5) }
        return Self(name: "heavy d\(d) μ\(mu)", features: d) { rng, d in
            var x = (0..<d).map { _ in t2(&rng) }
            x[0] += rng.uniform() < 0.5 ? mu : -mu
            let one = density(x[0] - mu), zero = density(x[0] + mu)
            return (x, one / (one + zero))
        }
    }

    /// A soft boundary over five features (d ≥ 5): P(1 | x) = σ(s·(0.9·x1 − 0.6·x2 + 0.5·x3 + 0.4·x4 − 0.3·x5)).
    static func five(_ d: Int, slope s: Double) -> Self {
        Self(name: "five d\(d) s\(s)", features: d) { rng, d in
            let x = normals(&rng, d)
            let u = 0.9 * x[0] - 0.6 * x[1] + 0.5 * x[2] + 0.4 * x[3] - 0.3 * x[4]
            return (x, 1 / (1 + exp(-s * u)))
        }
    }
}
