import ArgumentParser
import Foundation
import NNLab

@main
struct NNLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnlab",
        abstract: "A laboratory at the prompt for learning why neural networks fail.",
        version: "nnlab 0.1.0",
        subcommands: [Prompt.self, Check.self],
        defaultSubcommand: Prompt.self)
}

struct Prompt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the prompt (the default).",
        discussion: """
        At a terminal nnlab starts a prompt with line editing, history (~/.nnlab_history) and Tab completion; \
        type `help` there. Without a terminal (nnlab < script) it runs each line, prints errors on stderr, \
        goes on, and exits with status 1 if any command failed.
        """)

    func run() throws {
        let code = REPL(interactive: Terminal.isInteractive).run()
        if code != 0 { throw ExitCode(code) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay lessons and transcripts; show a unified diff where the output differs.",
        discussion: """
        Each file's commands run in a scratch folder of their own (removed afterwards): what they write goes \
        there, and an absolute name or .. is refused. They read files only from below the file's own folder \
        unless --allow-read names more. Exit status 1 when any file fails. --update rewrites transcripts \
        whose output changed on purpose.
        """)

    @Argument(help: "*.lesson and *.transcript files.")
    var files: [String]

    @Flag(help: "Rewrite each transcript with the output it gives now.")
    var update = false

    @Option(name: .customLong("allow-read"), help: ArgumentHelp(
        "Let the files' commands read files below FOLDER too (repeatable).", valueName: "FOLDER"))
    var allowRead: [String] = []

    func run() throws {
        Streams.install()
        var failed = 0, commands = 0
        for file in files {
            let result = Checker.check(file: file, update: update, allowRead: allowRead)
            commands += result.commands
            if !result.report.isEmpty { Streams.print(result.report) }
            if !result.passed { failed += 1 }
        }
        Streams.print(failed == 0 ? "checked \(files.count) files (\(commands) commands): all pass"
                          : "checked \(files.count) files: \(failed) failed")
        let status = Streams.finish(status: failed > 0 ? 1 : 0)
        if status != 0 { throw ExitCode(status) }
    }
}
