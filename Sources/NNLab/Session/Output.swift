/// What a command gives back; the executable decides where each goes.
public enum Output: Equatable, Sendable {
    /// For standard output.
    case text(String)
    /// One line for standard error; the command failed.
    case error(String)
    /// The session should end.
    case quit
}

/// How the executable can show things; the session renders pictures and tables to fit.
public struct Display: Sendable {
    public var columns: Int
    public var color: Bool
    public var unicode: Bool
    public init(columns: Int = 80, color: Bool = false, unicode: Bool = true) {
        self.columns = columns
        self.color = color
        self.unicode = unicode
    }
}
