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
    mutating func next() -> String? { readLine(strippingNewline: true) }
    func close() {}
}

/// libedit's readline-compatible interface, with history in ~/.nnlab_history and Tab completion.
struct EditLineSource: LineSource {
    let historyPath: String

    /// `names` gives the run-time names for completion (lessons, finding ids), asked at each Tab.
    init(names: @escaping (String) -> [String]) {
        completionNames = names
        historyPath = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".nnlab_history").path
        setlocale(LC_CTYPE, "")
        using_history()
        if FileManager.default.fileExists(atPath: historyPath), read_history(historyPath) != 0 {
            Terminal.writeError("warning: cannot read history from \(historyPath); going on without it")
        }
        rl_attempted_completion_function = { text, start, _ in
            rl_attempted_completion_over = 1
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let before = String(decoding: line.utf8.prefix(Int(start)), as: UTF8.self)
            completionMatches = Completion.candidates(before: before, partial: text.map { String(cString: $0) } ?? "",
                                                      names: completionNames)
            // No space after `key=`, so the value can follow at once.
            rl_completion_append_character = completionMatches.count == 1 && completionMatches[0].hasSuffix("=") ? 0 : 32
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
                if Interrupt.take() { print(""); continue }
                print("")
                return nil
            }
            defer { free(raw) }
            let line = String(cString: raw)
            if !line.allSatisfy(\.isWhitespace) { add_history(raw) }
            return line
        }
    }

    func close() {
        if write_history(historyPath) != 0 {
            Terminal.writeError("warning: cannot write history to \(historyPath)")
        }
    }
}

// The completion callback is a C function pointer: it can reach only globals.
nonisolated(unsafe) var completionMatches: [String] = []
nonisolated(unsafe) var completionNames: (String) -> [String] = { _ in [] }
