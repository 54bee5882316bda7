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
    /// `set KEY=VALUE ...`, then every setting as `key=value`.
    func set(_ c: Invocation) -> String {
        c.apply(to: &settings)
        return c.spec.keys.compactMap { key in key.field?.value(of: settings).map { key.name + "=" + CommandWriter.text($0) } }
            .joined(separator: " ")
    }

    /// The display after the learner's settings.
    var effectiveDisplay: Display {
        var d = recording == nil ? display : Self.transcriptDisplay
        if let color = settings.color { d.color = color }
        if let columns = settings.columns { d.columns = columns }
        return d
    }
}
