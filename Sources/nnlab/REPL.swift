import Foundation
import NNLab

/// Read, run, show; errors never end the loop (lua.c's doREPL).
struct REPL {
    let interactive: Bool

    func run() -> Int32 {
        setvbuf(stdout, nil, _IOLBF, 0)  // for libedit, which writes the prompt through stdio
        Streams.install()
        Interrupt.install()
        let session = Session()
        session.display = Display(columns: interactive ? Terminal.columns : 80, color: interactive && Terminal.color)
        session.wrapsText = interactive
        session.shouldStop = { Interrupt.take() }
        let progress = Progress(enabled: interactive && isatty(STDERR_FILENO) == 1)
        session.onEpoch = progress.update
        session.onNote = progress.note
        session.lessonsDirectory = Lessons.directory
        if interactive {
            session.lessonMemory = Terminal.home.appendingPathComponent(".nnlab_lesson").path
        }
        var source: LineSource = interactive ? EditLineSource(names: session.names(for:)) : PlainLineSource()
        if interactive { Streams.print("nnlab 0.1.0 — type help for commands, quit or Ctrl-D to leave") }
        var failed = false
        loop: while let line = source.next() {
            if interactive {
                // The terminal may have been resized since the last command. A picture leaves room
                // for the command line above it and the prompt below.
                session.display.columns = Terminal.columns
                session.display.rows = Terminal.rows - 2
            }
            Interrupt.working(true)
            progress.begin()
            let outputs = session.run(line)
            Interrupt.working(false)
            progress.clear()
            _ = Interrupt.take()
            for output in outputs {
                switch output {
                case .text(let text): Streams.print(text)
                case .error(let message):
                    failed = true
                    // The message, then the line with a caret under the word it is about (each line escaped).
                    for (i, line) in message.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        Streams.printError((i == 0 ? "error: " : "") + CommandError.printable(String(line)))
                    }
                case .quit: break loop
                }
            }
        }
        source.close()
        return Streams.finish(status: failed && !interactive ? 1 : 0)
    }
}
