extension Session {
    /// `record file=PATH.transcript` starts writing every command and its output; `record stop` ends.
    func record(_ c: Invocation) throws -> String {
        if c.has("stop") {
            guard let recording else { throw CommandError("not recording") }
            self.recording = nil
            return "stopped recording \(recording.path) (\(recording.transcript.entries.count) commands)"
        }
        guard let path = c.text("file") else { throw CommandError("record needs file=PATH.transcript (or stop)") }
        let transcript = Transcript(header: ["# recorded with nnlab"])
        try write(transcript.text, to: path)
        recording = (path, transcript)
        return "recording to \(path); record stop ends it"
    }

    /// Adds a command and its outputs to the transcript being recorded, rewriting the file,
    /// so nothing is lost if the session ends. A failed write stops the recording and says so.
    func recordEntry(_ line: String, _ outputs: [Output]) -> [Output] {
        guard var r = recording, !line.allSatisfy(\.isWhitespace),
              Tokenizer.tokenize(line).first.map({ $0.text != "record" }) ?? false else { return [] }
        r.transcript.entries.append(.init(command: line, output: Transcript.lines(outputs), line: 0))
        recording = r
        do {
            try write(r.transcript.text, to: r.path)
            return []
        } catch let e as CommandError {
            recording = nil
            return [.error(e.message + "; recording stopped")]
        } catch {
            return []
        }
    }

    /// `replay file=PATH.transcript`: starts fresh, runs each recorded command, shows its output,
    /// and says whether the outputs match the recording.
    func replay(_ path: String) throws -> [Output] {
        let transcript: Transcript
        do {
            transcript = try Transcript(parsing: try read(path), file: path)
        } catch let e as FileError {
            throw CommandError(e.description)
        }
        reset()
        let allowance = replayAllowance
        replayAllowance = Limits.replayWork
        defer { replayAllowance = allowance }
        var outputs: [Output] = [], differ: [Int] = []
        for entry in transcript.entries {
            // A replay inside a replay (a transcript that replays itself) would recurse without end.
            let nested = Tokenizer.tokenize(entry.command).first?.text == "replay"
            let result = nested ? [.error("\(path):\(entry.line): a replay cannot run another replay; skipped")] : runCommand(entry.command)
            if Transcript.lines(result) != entry.output { differ.append(entry.line) }
            outputs.append(.text(Transcript.prompt + CommandError.printable(entry.command)))
            outputs += result.filter { $0 != .quit }
        }
        outputs.append(.text(differ.isEmpty
            ? "replayed \(transcript.entries.count) commands from \(path): every output matches the recording"
            : "replayed \(transcript.entries.count) commands from \(path): \(differ.count) outputs differ (first at line \(differ[0])); "
              + "nnlab check \(path) shows the diff"))
        return outputs
    }
}
