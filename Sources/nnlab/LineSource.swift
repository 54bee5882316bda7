import CEditLine
import Foundation
import NNLab

/// Where command lines come from: libedit at a terminal, plain standard input otherwise.
protocol LineSource {
    /// The next line, or nil at the end of input.
    mutating func next() -> String?
    func close()
}

struct PlainLineSource: LineSource {
    mutating func next() -> String? {
        while true {
            if let line = readLine(strippingNewline: true) { return line }
            // A Ctrl-C while waiting for a line (stdin a terminal, stdout a pipe) interrupts the read:
            // that is not the end of the input.
            if Interrupt.take(), ferror(stdin) != 0 {
                clearerr(stdin)
                continue
            }
            return nil
        }
    }
    func close() {}
}

/// libedit's readline-compatible interface, with history in ~/.nnlab_history and Tab completion.
struct EditLineSource: LineSource {
    let historyPath: String
    /// Lines kept in the history file.
    static let historySize: Int32 = 1000

    /// `names` gives the run-time names for completion (lessons, finding ids), asked at each Tab.
    init(names: @escaping (String) -> [String]) {
        completionNames = names
        historyPath = Terminal.home.appendingPathComponent(".nnlab_history").path
        setlocale(LC_CTYPE, "")
        using_history()
        stifle_history(Self.historySize)
        // Not a folder, a pipe (which would block the start) or a device: a regular file, or nothing.
        var info = stat()
        if stat(historyPath, &info) == 0, info.st_mode & S_IFMT != S_IFREG || read_history(historyPath) != 0 {
            Streams.printError("warning: cannot read history from \(historyPath); going on without it")
        }
        // Words break at blanks only: `=` belongs to the word, so `optimizer=s` completes as a whole
        // (with libedit's default breaks the value was completed as if it were a key).
        rl_basic_word_break_characters = UnsafePointer(wordBreaks)
        rl_completer_word_break_characters = wordBreaks
        rl_attempted_completion_function = { text, start, _ in
            rl_attempted_completion_over = 1
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let before = String(decoding: line.utf8.prefix(Int(start)), as: UTF8.self)
            completionMatches = Completion.candidates(before: before, partial: text.map { String(cString: $0) } ?? "",
                                                      names: completionNames)
            // No space after `key=` or a folder, so the value or the file name can follow at once.
            let open = completionMatches.count == 1 && (completionMatches[0].hasSuffix("=") || completionMatches[0].hasSuffix("/"))
            rl_completion_append_character = open ? 0 : 32
            return rl_completion_matches(text) { _, state in
                let i = Int(state)
                return i < completionMatches.count ? strdup(completionMatches[i]) : nil
            }
        }
    }

    mutating func next() -> String? {
        while true {
            guard let raw = readline("nnlab> ") else {
                // NULL means Ctrl-C or end of input; the flag tells which.
                if Interrupt.take() { Streams.print(""); continue }
                Streams.print("")
                return nil
            }
            defer { free(raw) }
            let line = String(cString: raw)
            if !line.allSatisfy(\.isWhitespace) { add_history(raw) }
            return line
        }
    }

    /// Saves the history as `save` writes a file (`Files.write`): atomically, through a symbolic link to
    /// the file it points at, keeping its permissions and owner, refusing a read-only or hard-linked one.
    /// libedit writes only to a path, so it writes a private file in the temporary folder first, which is
    /// then read back and removed. A failure is a warning only.
    func close() {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory())
        var template = Array(folder.appendingPathComponent("nnlab-history.XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return warn(String(cString: strerror(errno)).lowercased(), writing: folder.path) }
        Glibc.close(fd)
        let temporary = String(cString: template)
        defer { unlink(temporary) }
        // libedit does not check its last flush: a full disk shows as missing lines (one per entry, after a header).
        let written = write_history(temporary)
        let text = FileManager.default.contents(atPath: temporary).map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard written == 0, text.utf8.reduce(0, { $0 + ($1 == 10 ? 1 : 0) }) >= Int(history_length) else {
            return warn(written > 0 ? String(cString: strerror(written)).lowercased() : "it came out short (a full disk or a file size limit)")
        }
        do {
            try Files.write(text, to: historyPath)
        } catch {
            Streams.printError("warning: history not saved: " + ((error as? CommandError)?.message ?? "\(error)"))
        }
    }

    private func warn(_ reason: String, writing path: String? = nil) {
        Streams.printError("warning: history not saved: cannot write \(path ?? historyPath): \(reason)")
    }
}

// The completion callback is a C function pointer: it can reach only globals.
nonisolated(unsafe) var completionMatches: [String] = []
nonisolated(unsafe) let wordBreaks = strdup(" \t\n")
nonisolated(unsafe) var completionNames: (String) -> [String] = { _ in [] }
