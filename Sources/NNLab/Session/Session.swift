import NNCore

/// The state of one nnlab session and the commands that change it.
/// `run` never prints: it returns outputs for the executable to show.
public final class Session {
    /// The current data set, as generated (later: loaded).
    public internal(set) var data: GeneratedData?
    /// Hidden layers of the chosen model; `[]` is `model linear`, nil is no model yet.
    public internal(set) var hidden: [Layer]?
    /// The trained network with its optimizer state and history.
    public internal(set) var run: TrainingRun?
    public internal(set) var lastStop: StopReason?

    /// Asked once per epoch during training: true stops it (Ctrl-C).
    public var shouldStop: () -> Bool = { false }
    /// Sees each epoch as it finishes (for a live progress line at a terminal).
    public var onEpoch: (_ record: EpochRecord, _ total: Int) -> Void = { _, _ in }
    public var display = Display()

    public struct Layer: Equatable, Sendable {
        public var units: Int
        public var activation: Activation
    }

    public init() {}

    /// Runs one line. Blank lines and comments give nothing.
    public func run(_ line: String) -> [Output] {
        do {
            guard let invocation = try Parser.parse(line) else { return [] }
            return try execute(invocation)
        } catch let error as CommandError {
            return [.error(error.message)]
        } catch {
            return [.error("\(error)")]
        }
    }

    func execute(_ c: Invocation) throws -> [Output] {
        switch c.spec.name {
        case "data info": return [.text(try dataInfo(json: c.text("format") == "json"))]
        case "export data": return [.text(try exportData(to: c.text("file")!))]
        case "model": return [.text(try model(c.words))]
        case "train": return [.text(try train(c))]
        case "evaluate": return [.text(try evaluate(json: c.text("format") == "json"))]
        case "status": return [.text(status())]
        case "help": return [.text(try Help.text(topic: c.words.first?.text))]
        case "quit": return [.quit]
        case let name where name.hasPrefix("data "): return [.text(try generate(c))]
        default: throw CommandError("\(c.spec.name) is in the table but has no handler")
        }
    }

    /// What to type first when something is missing.
    func requireData() throws -> GeneratedData {
        guard let data else { throw CommandError("no data yet: type `data circles` first") }
        return data
    }

    func requireRun() throws -> (GeneratedData, TrainingRun) {
        let data = try requireData()
        guard hidden != nil else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`), then `train`") }
        guard let run else { throw CommandError("the model is not trained yet: type `train` first") }
        return (data, run)
    }
}
