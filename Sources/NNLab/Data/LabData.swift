import NNCore

/// The session's data: generated from a spec, or loaded from a CSV file.
public struct LabData: Equatable, Sendable {
    public var prepared: PreparedData
    public var origin: Origin
    /// Dataset indices of training labels flipped on purpose.
    public var flipped: [Int]

    public enum Origin: Equatable, Sendable {
        case generated(DataSpec)
        case loaded(LoadSpec)
    }

    public init(_ generated: GeneratedData) {
        prepared = generated.prepared
        origin = .generated(generated.spec)
        flipped = generated.flipped
    }

    public init(loaded table: LoadedTable, spec: LoadSpec) {
        let split = table.split ?? Split.shuffled(count: table.dataset.count, testFraction: spec.test, seed: spec.seed)
        prepared = PreparedData(dataset: table.dataset, split: split, scaled: spec.scaled)
        origin = .loaded(spec)
        flipped = []
    }

    /// How a generator made it; nil for loaded data.
    public var spec: DataSpec? { if case .generated(let s) = origin { return s } else { return nil } }

    /// `circles`, or the file name.
    public var name: String {
        switch origin {
        case .generated(let s): return s.kind.rawValue
        case .loaded(let l): return l.file
        }
    }

    public var scaled: Bool { splitSettings.scaled }
    public var testFraction: Double { splitSettings.test }
    public var splitSeed: UInt32 { splitSettings.seed }

    /// The keys generated and loaded data share.
    private var splitSettings: (test: Double, seed: UInt32, scaled: Bool) {
        switch origin {
        case .generated(let s): return (s.test, s.seed, s.scaled)
        case .loaded(let l): return (l.test, l.seed, l.scaled)
        }
    }

    /// The command that makes this data again, with the keys that differ from the table's defaults.
    public var command: String { CommandWriter.line(invocation) }

    var invocation: Invocation {
        switch origin {
        case .generated(let s): return .data(s)
        case .loaded(let l): return .load(l)
        }
    }
}

/// How a CSV file was loaded: enough to load it again the same way.
public struct LoadSpec: Equatable, Codable, Sendable {
    public var file: String
    public var label: String?
    public var test: Double
    public var seed: UInt32
    public var scaled: Bool
    /// The label text of class 0 and class 1.
    public var classes: [String]
    /// The label column used, named or found.
    public var labelColumn: String
    /// True when the file's own `split` column gave the split.
    public var fileSplit: Bool
}
