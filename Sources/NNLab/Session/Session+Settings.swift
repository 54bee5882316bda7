/// Session defaults changed with `set KEY=VALUE` and shown by `set`.
public struct Settings: Equatable, Sendable {
    /// nil: colour when the terminal allows it.
    public var color: Bool?
    /// The train seed when `train` names none.
    public var seed: UInt32 = 0
    /// Columns for terminal plots; nil: the terminal's width.
    public var columns: Int?
}

extension Session {
    func set(_ c: Invocation) throws -> String {
        if let color = c.text("color") { settings.color = color == "auto" ? nil : color == "on" }
        if let seed = c.integer("seed") { settings.seed = UInt32(seed) }
        if c.values["width"] != nil { settings.columns = c.integer("width") }
        return [
            "color=\(settings.color.map { $0 ? "on" : "off" } ?? "auto")",
            "seed=\(settings.seed)",
            "width=\(settings.columns.map(String.init) ?? "auto")",
        ].joined(separator: " ")
    }

    /// The display after the learner's settings.
    var effectiveDisplay: Display {
        var d = display
        if let color = settings.color { d.color = color }
        if let columns = settings.columns { d.columns = columns }
        return d
    }
}
