/// How a built-in data set is made: generator, size, noise, seeds, split and
/// corruptions. The same spec always gives the same points, split and flips.
public struct DataSpec: Equatable, Codable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// The post's concentric circles, bit-compatible with NumPy.
        case circles
        /// Two interleaving half circles, as scikit-learn's `make_moons`.
        case moons
        /// Four Gaussian blobs at (±1, ±1): class 1 where the signs of x1 and x2 differ.
        case xor
        /// Two spiral arms, one turn each, winding out from the centre.
        case spiral
        /// Two Gaussian blobs at (−1, −1) and (1, 1), far apart: a line separates them.
        case blobs
        /// The same two Gaussians, wide enough to overlap: the best possible classifier misses about 15.6%.
        case gauss
    }

    /// Every built-in data set has two features, x1 and x2.
    public static let features = 2

    public var kind: Kind
    /// Points asked for; generators that make two equal halves give 2·(n/2), as the post's code does.
    public var n = 200
    public var noise: Double
    public var seed: UInt32 = 42
    public var test = 0.2
    public var scaled = true
    /// Fraction of training labels flipped (0 = none).
    public var flip = 0.0
    /// Every class but class 0 kept at this ratio to class 0 (1 = as generated).
    public var imbalance = 1.0
    /// How many classes: 2, or 3 and more for the kinds with `manyClasses` (spiral arms, blobs, rings).
    public var classes = 2

    public init(kind: Kind, n: Int = 200, noise: Double? = nil, seed: UInt32 = 42, test: Double = 0.2,
                scaled: Bool = true, flip: Double = 0, imbalance: Double = 1, classes: Int = 2) {
        self.kind = kind
        self.n = n
        self.noise = noise ?? kind.defaultNoise
        self.seed = seed
        self.test = test
        self.scaled = scaled
        self.flip = flip
        self.imbalance = imbalance
        self.classes = classes
    }

    private enum CodingKeys: String, CodingKey { case kind, n, noise, seed, test, scaled, flip, imbalance, classes }

    /// Files saved before `classes` existed read as two classes; two classes are not written.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(Kind.self, forKey: .kind), n: try c.decode(Int.self, forKey: .n),
                  noise: try c.decode(Double.self, forKey: .noise), seed: try c.decode(UInt32.self, forKey: .seed),
                  test: try c.decode(Double.self, forKey: .test), scaled: try c.decode(Bool.self, forKey: .scaled),
                  flip: try c.decode(Double.self, forKey: .flip), imbalance: try c.decode(Double.self, forKey: .imbalance),
                  classes: try c.decodeIfPresent(Int.self, forKey: .classes) ?? 2)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind); try c.encode(n, forKey: .n); try c.encode(noise, forKey: .noise)
        try c.encode(seed, forKey: .seed); try c.encode(test, forKey: .test); try c.encode(scaled, forKey: .scaled)
        try c.encode(flip, forKey: .flip); try c.encode(imbalance, forKey: .imbalance)
        if classes != 2 { try c.encode(classes, forKey: .classes) }
    }
}

extension DataSpec.Kind {
    /// Noise (standard deviation per coordinate) at which each set looks as it is meant to: every
    /// set but `gauss` is nearly clean (Bayes error under 1%), `gauss` overlaps by design.
    public var defaultNoise: Double {
        switch self {
        case .circles: return 0.2
        case .moons: return 0.1
        case .xor: return 0.3
        case .spiral: return 0.05
        case .blobs: return 0.3
        case .gauss: return 1.4
        }
    }
}

/// A generated data set, prepared for training, with what was done to it.
public struct GeneratedData: Equatable, Sendable {
    public var spec: DataSpec
    public var prepared: PreparedData
    /// Dataset indices of the training labels that were flipped, ascending.
    public var flipped: [Int]
    /// The label each of `flipped` had before it was flipped (with k classes, which of the others it went to is drawn).
    public var truth: [Int]
}

extension DataSpec {
    /// Points, then the imbalance (before the split, so both splits share it), then the split,
    /// then flipped training labels (the test labels stay true).
    public func generate() -> GeneratedData {
        var dataset = kind == .circles && classes == 2 ? Generators.circles(n: n, noise: noise, seed: seed)
                                                       : Generators.alongShape(kind, classes: classes, n: n, noise: noise, seed: seed)
        if imbalance != 1 { dataset = Corruptions.imbalance(dataset, ratio: imbalance, seed: seed) }
        let split = Split.shuffled(count: dataset.count, testFraction: test, seed: seed)
        let before = dataset.y
        let flipped = Corruptions.flip(&dataset, rows: split.train, fraction: flip, seed: seed)
        return GeneratedData(spec: self, prepared: PreparedData(dataset: dataset, split: split, scaled: scaled),
                             flipped: flipped, truth: flipped.map { before[$0] })
    }
}
