import Foundation

extension Session {
    /// How transcripts are shown, recorded and replayed alike: plain, 80 columns.
    static let transcriptDisplay = Display(columns: 80, color: false, unicode: true)

    /// A session for replaying: plain 80-column output, relative files in a scratch folder of its own.
    static func forReplay() -> Session {
        let s = Session()
        s.replayAllowance = Limits.replayWork
        s.display = transcriptDisplay
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-replay-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        s.directory = dir
        return s
    }

    func removeScratch() {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Relative paths are taken from `directory` when it is set, else from the working directory;
    /// messages name the file as it was typed.
    func write(_ text: String, to path: String) throws {
        try Files.write(text, to: resolve(path), named: path)
    }

    func append(_ text: String, to path: String) throws {
        try Files.append(text, to: resolve(path), named: path)
    }

    func read(_ path: String) throws -> String {
        try Files.read(resolve(path), named: path)
    }

    /// The absolute path a relative one stands for, as `read` and `write` resolve it.
    func absolute(_ path: String) -> String {
        let resolved = resolve(path)
        return resolved.hasPrefix("/") ? resolved : FileManager.default.currentDirectoryPath + "/" + resolved
    }

    private func resolve(_ path: String) -> String {
        guard let directory, !path.hasPrefix("/") else { return path }
        return directory + "/" + path
    }
}
