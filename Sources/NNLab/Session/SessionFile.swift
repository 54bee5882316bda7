import NNCore

/// A saved session, as versioned JSON: the data definition, the model, its weights and
/// history, and the settings. Generated data is saved as its spec (it regenerates exactly);
/// loaded data is saved with its rows, so the file need not stay where it was.
struct SessionFile: Codable {
    static let version = 1

    /// The format version; a file from a newer nnlab is refused by name.
    var nnlab: Int
    var data: DataSpec?
    var loaded: LoadedPart?
    /// The model's inputs as typed after `features` (absent: the raw columns).
    var features: [String]?
    /// `data drop|relabel` in order, on the data as generated or loaded (absent: none).
    var edits: [DataEdit]?
    var model: [LayerSpec]?
    var training: TrainingPart?
    var settings: SettingsPart

    struct LoadedPart: Codable {
        var source: LoadSpec
        var features: [String]
        var x: [Double]
        var y: [Int]
        var train: [Int]
        var test: [Int]
    }

    struct TrainingPart: Codable {
        var config: TrainConfig
        var parameters: [Double]
        var history: History
        /// `finished`, `interrupted`, `diverged` or `kept-best` (early stopping: the history ends at the
        /// kept epoch), with the epoch for the last three (for `kept-best` the last one trained).
        var stop: String
        var stopEpoch: Int?
    }

    struct SettingsPart: Codable {
        var color: Bool?
        var seed: UInt32
        var width: Int?
    }

    /// Just enough to read the version before anything else.
    struct Header: Codable { var nnlab: Int }
}
