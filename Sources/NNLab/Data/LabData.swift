import NNCore

/// The session's data: generated from a spec, or loaded from a CSV file, with the training points
/// `data drop|relabel` changed and the model's inputs `features` chose.
public struct LabData: Equatable, Sendable {
    /// The data as the model sees it: edits applied, features made.
    public private(set) var prepared: PreparedData
    public var origin: Origin
    /// As generated or loaded, before any edit (with the chosen features).
    private var unedited: PreparedData
    /// Dataset indices of the training labels flipped on purpose by the generator, with the label each had before.
    private var generatorFlips: [Int]
    private var generatorTruth: [Int: Int]
    /// What `data drop|relabel show=ID` did, in order; `data reset` undoes them all.
    public private(set) var edits: [DataEdit] = []

    public enum Origin: Equatable, Sendable {
        case generated(DataSpec)
        case loaded(LoadSpec)
    }

    public init(_ generated: GeneratedData) {
        prepared = generated.prepared
        unedited = generated.prepared
        origin = .generated(generated.spec)
        generatorFlips = generated.flipped
        generatorTruth = Dictionary(uniqueKeysWithValues: zip(generated.flipped, generated.truth))
    }

    public init(loaded table: LoadedTable, spec: LoadSpec) {
        let split = table.split ?? Split.shuffled(count: table.dataset.count, testFraction: spec.test, seed: spec.seed)
        prepared = PreparedData(dataset: table.dataset, split: split, scaled: spec.scaled)
        unedited = prepared
        origin = .loaded(spec)
        generatorFlips = []
        generatorTruth = [:]
    }

    /// Dataset indices of the training labels that are wrong on purpose, ascending: those the generator
    /// flipped, less the ones dropped or relabelled to the label they had, with any right label relabelled wrong.
    public var flipped: [Int] {
        guard !edits.isEmpty else { return generatorFlips }
        let now = prepared.dataset.y, before = unedited.dataset.y
        return prepared.split.train.filter { now[$0] != (generatorTruth[$0] ?? before[$0]) }.sorted()
    }

    /// The model's inputs (nil: the raw columns).
    public var features: [FeatureTerm]? {
        get { prepared.features }
        set {
            unedited = unedited.with(features: newValue)
            prepared = prepared.with(features: newValue)
        }
    }

    /// With `edit` applied to the training points it names (test points are never touched).
    func applying(_ edit: DataEdit) -> LabData {
        var new = self
        new.edits.append(edit)
        let points = Set(edit.points)
        new.prepared = edit.kind == .drop ? prepared.dropping(points)
            : edit.labels.map { prepared.relabelling(Dictionary(uniqueKeysWithValues: zip(edit.points, $0))) } ?? prepared.relabelling(points)
        return new
    }

    /// The data before any edit, as a saved session keeps it.
    var original: PreparedData { unedited }

    /// As generated or loaded: every edit undone, the features kept.
    func reset() -> LabData {
        var new = self
        new.edits = []
        new.prepared = unedited
        return new
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

/// Training points removed, or given the other label, because a finding named them.
public struct DataEdit: Equatable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case drop, relabel }
    public var kind: Kind
    /// The finding whose points they were (`label-noise`).
    public var finding: String
    /// Dataset indices, training rows only, ascending.
    public var points: [Int]
    /// For a relabel, the label each point gets, as the finding suspects it (absent: the other of two labels, as
    /// sessions saved before k classes have it).
    public var labels: [Int]?

    public init(kind: Kind, finding: String, points: [Int], labels: [Int]? = nil) {
        self.kind = kind
        self.finding = finding
        self.points = points
        self.labels = labels
    }
}
