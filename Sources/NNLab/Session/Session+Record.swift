extension Session {
    /// `record file=PATH.transcript` starts writing every command and its output; `record stop` ends.
    func record(_ c: Invocation) throws -> String {
        if c.has("stop") {
            guard let recording else { throw CommandError("not recording") }
            self.recording = nil
            return "stopped recording \(recording.path) (\(recording.commands) commands)"
        }
        guard let path = c.text("file") else { throw CommandError("record needs file=PATH.transcript (or stop)") }
        try write(Transcript(header: ["# recorded with nnlab"]).text, to: path)
        recording = (path, 0)
        // Replay starts from an empty session with default settings, so the recording must too, or
        // its first outputs (a "(the model will start fresh ...)" note, say) would not come back.
        let fresh = data == nil && hidden == nil && settings == Settings() ? ""
            : "; the session starts fresh, as replay will (type data ... again)"
        startFresh()
        return "recording to \(path)\(fresh); record stop ends it;\n"
            + "while recording, output is shown as replay shows it: plain, \(Self.transcriptDisplay.columns) columns"
    }

    /// Appends a command and its outputs to the transcript being recorded, so the file holds every
    /// finished command if the session ends (rewriting it all each time took 82 s over 2000 commands).
    /// A failed write stops the recording and says so; the file keeps only whole commands.
    func recordEntry(_ line: String, _ outputs: [Output]) -> [Output] {
        guard let r = recording, !line.allSatisfy(\.isWhitespace),
              Tokenizer.tokenize(line).first.map({ $0.text != "record" }) ?? false else { return [] }
        let entry = Transcript(entries: [.init(command: line, output: Transcript.lines(outputs), line: 0)])
        do {
            try append(entry.text, to: r.path)
            recording = (r.path, r.commands + 1)
            return []
        } catch let e as CommandError {
            recording = nil
            return [.error(e.message + "; recording stopped")]
        } catch {
            return []
        }
    }

    /// `replay file=PATH.transcript [allow_read=FOLDER]`: starts fresh, runs each recorded command in a scratch
    /// folder of its own, shows its output, and says whether the outputs match the recording.
    func replay(_ path: String, allowRead: String?) throws -> [Output] {
        // A transcript being replayed cannot widen what it may read.
        if allowRead != nil && readableFolders != nil { throw CommandError("a replayed transcript cannot use allow_read") }
        let transcript: Transcript
        do {
            transcript = try Transcript(parsing: try read(path), file: path)
        } catch let e as FileError {
            throw CommandError(e.description)
        }
        let roots = try replayRoots(for: path, allowing: allowRead.map { [$0] } ?? []) + (readableFolders ?? [])
        startFresh()
        let outer = (directory, readableFolders, recording, replayAllowance)
        (directory, readableFolders, recording, replayAllowance) = (Session.makeScratch(), roots, nil, Limits.replayWork)
        defer {
            removeScratch()
            (directory, readableFolders, recording, replayAllowance) = outer
        }
        // One Ctrl-C stops the whole replay, not only the command it lands in (`runCommand` latches it).
        var outputs: [Output] = [], differ: [Int] = []
        for (done, entry) in transcript.entries.enumerated() {
            if shouldStop() {
                outputs.append(.text("interrupted: stopped after \(done) of \(transcript.entries.count) commands from \(path); "
                                     + "the session keeps what they did"))
                return outputs
            }
            // A replay inside a replay (a transcript that replays itself) would recurse without end.
            let nested = Tokenizer.tokenize(entry.command).first?.text == "replay"
            let result = nested ? [.error("\(path):\(entry.line): a replay cannot run another replay; skipped")]
                : wrapped(runCommand(entry.command), always: false)
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

    /// Empty, with default settings: how a transcript starts, recorded or replayed.
    func startFresh() {
        reset()
        settings = Settings()
    }
}
