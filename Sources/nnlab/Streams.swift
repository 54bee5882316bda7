import Foundation

/// Standard output and error written with write(2), so that a full disk, a closed pipe or a
/// revoked terminal is an error code to remember, never the end of the session
/// (Foundation's FileHandle.write traps on a failed write; SIGPIPE kills by default).
enum Streams {
    /// The first reason a line of standard output was lost, if one was.
    nonisolated(unsafe) private(set) static var outputLost: String?

    /// A closed pipe is then EPIPE from write, not a signal.
    static func install() { signal(SIGPIPE, SIG_IGN) }

    /// `text` and a newline on standard output.
    static func print(_ text: String) {
        if let error = write(text + "\n", to: STDOUT_FILENO), outputLost == nil {
            outputLost = String(cString: strerror(error)).lowercased()
        }
    }

    /// `text` and a newline on standard error; a failure there has nowhere to be told.
    static func printError(_ text: String) { _ = write(text + "\n", to: STDERR_FILENO) }

    /// Without a newline (the progress line); failures ignored, as above.
    static func printError(partial text: String) { _ = write(text, to: STDERR_FILENO) }

    /// The exit status, after saying on standard error (if it still takes text) that output was lost.
    static func finish(status: Int32) -> Int32 {
        guard let outputLost else { return status }
        printError("error: some output could not be written: \(outputLost)")
        return max(status, 1)
    }

    /// All of `text`, retrying after a signal; the errno of a failure, nil when all was written.
    private static func write(_ text: String, to fd: Int32) -> Int32? {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }
}
