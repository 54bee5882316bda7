import ArgumentParser
import Foundation
import NNLab

@main
struct NNLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnlab",
        abstract: "A laboratory at the prompt for learning why neural networks fail.",
        discussion: """
        At a terminal nnlab starts a prompt with line editing, history (~/.nnlab_history) and Tab completion; \
        type `help` there. Without a terminal (nnlab < script) it runs each line, prints errors on stderr, \
        goes on, and exits with status 1 if any command failed.
        """,
        version: "nnlab 0.1.0")

    func run() throws {
        let code = REPL(interactive: Terminal.isInteractive).run()
        if code != 0 { throw ExitCode(code) }
    }
}
