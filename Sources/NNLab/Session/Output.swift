import NNPlot

/// What a command gives back; the executable decides where each goes.
public enum Output: Equatable, Sendable {
    /// For standard output.
    case text(String)
    /// One line for standard error; the command failed.
    case error(String)
    /// The session should end.
    case quit
}

/// How the executable can show things: the terminal's width, colour and character set,
/// which the session's pictures and tables fit themselves to.
public typealias Display = TerminalOptions
