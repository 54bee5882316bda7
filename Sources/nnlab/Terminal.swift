import Foundation

/// What the executable knows about where it is running.
enum Terminal {
    /// Standard input and output are both terminals: use the line editor and the prompt.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal, never with NO_COLOR set or TERM=dumb.
    static var color: Bool {
        let env = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }

    static var columns: Int { size.map { Int($0.ws_col) } ?? 80 }

    static var rows: Int { size.map { Int($0.ws_row) } ?? 24 }

    private static var size: winsize? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return size
    }

    /// The user's home folder: $HOME when set (as every shell tool does; Foundation on Linux
    /// ignores it and asks the password database), else the account's.
    static var home: URL {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        return FileManager.default.homeDirectoryForCurrentUser
    }
}
