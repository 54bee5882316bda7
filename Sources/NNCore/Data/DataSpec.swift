/// How a built-in data set is made: generator, size, noise, seeds, split and
/// corruptions. The same spec always gives the same points, split and flips.
public struct DataSpec: Equatable, Codable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case circles
    }

    public var kind: Kind
    /// Points asked for; generators that make two equal halves give 2·(n/2), as the seed's code does.
    public var n = 200
    public var noise: Double
    public var seed: UInt32 = 42
    public var test = 0.2
    public var scaled = true
    /// Fraction of training labels flipped (0 = none).
    public var flip = 0.0
    /// Class 1 kept at this ratio to class 0 (1 = as generated).
    public var imbalance = 1.0

    public init(kind: Kind, n: Int = 200, noise: Double? = nil, seed: UInt32 = 42, test: Double = 0.2,
                scaled: Bool = true, flip: Double = 0, imbalance: Double = 1) {
        self.kind = kind
        self.n = n
        self.noise = noise ?? kind.defaultNoise
        self.seed = seed
        self.test = test
        self.scaled = scaled
        self.flip = flip
        self.imbalance = imbalance
    }
}

extension DataSpec.Kind {
    public var defaultNoise: Double {
        switch self {
        case .circles: return 0.2
        }
    }
}

/// A generated data set, prepared for training, with what was done to it.
public struct GeneratedData: Equatable, Sendable {
    public var spec: DataSpec
    public var prepared: PreparedData
    /// Dataset indices of the training labels that were flipped, ascending.
    public var flipped: [Int]
}

extension DataSpec {
    public func generate() -> GeneratedData {
        let dataset: Dataset
        switch kind {
        case .circles: dataset = Generators.circles(n: n, noise: noise, seed: seed)
        }
        let split = Split.shuffled(count: dataset.count, testFraction: test, seed: seed)
        return GeneratedData(spec: self, prepared: PreparedData(dataset: dataset, split: split, scaled: scaled), flipped: [])
    }
}
