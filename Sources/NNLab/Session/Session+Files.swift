import Foundation

extension Session {
    /// How transcripts are shown, recorded and replayed alike: plain, 80 columns.
    static let transcriptDisplay = Display(columns: 80, color: false, unicode: true)

    /// A session for replaying: plain 80-column output, file commands confined to a scratch folder of
    /// its own (as cram runs a test in $TESTTMP); reads may also come from below `readable` folders.
    static func forReplay(reading readable: [String] = []) -> Session {
        let s = Session()
        s.replayAllowance = Limits.replayWork
        s.display = transcriptDisplay
        s.directory = makeScratch()
        s.readableFolders = readable
        return s
    }

    /// A new empty folder for a replay's files, by its real path (so that reads can be checked against it).
    static func makeScratch() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-replay-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return realPath(dir) ?? dir
    }

    func removeScratch() {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Relative paths are taken from `directory` when it is set, else from the working directory;
    /// messages name the file as it was typed.
    func write(_ text: String, to path: String) throws {
        try Files.write(text, to: try writable(path), named: path)
    }

    func append(_ text: String, to path: String) throws {
        try Files.append(text, to: try writable(path), named: path)
    }

    func read(_ path: String) throws -> String {
        try Files.read(try readable(path), named: path)
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

    /// While a transcript is replayed its writes stay in the scratch folder: no absolute path, no `..`.
    private func writable(_ path: String) throws -> String {
        if readableFolders != nil && (path.hasPrefix("/") || path.split(separator: "/").contains("..")) {
            throw CommandError("cannot write \(path): a replayed transcript writes only in its scratch folder "
                               + "(a relative name without ..)")
        }
        return resolve(path)
    }

    /// While a transcript is replayed a relative name is looked up in the scratch folder (files the transcript
    /// wrote), then in the transcript's folder and the allowed ones; whatever the name, the file it finally
    /// is (symbolic links followed) must lie below one of them.
    private func readable(_ path: String) throws -> String {
        guard let folders = readableFolders, let directory else { return resolve(path) }
        let roots = [directory] + folders
        let candidates = path.hasPrefix("/") ? [path] : roots.map { $0 + "/" + path }
        // None there: the scratch folder's name fails to read with the system's reason.
        guard let real = candidates.lazy.compactMap(Session.realPath).first else { return candidates[0] }
        guard roots.contains(where: { real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw CommandError("cannot read \(path): a replayed transcript reads only files below its own folder "
                               + "(nnlab check --allow-read FOLDER or replay allow_read=FOLDER allows more)")
        }
        return real
    }

    /// The folders a replay of the transcript at `file` may read from: its own and the `allowed` ones
    /// (named relative to this session's files).
    func replayRoots(for file: String, allowing allowed: [String]) throws -> [String] {
        try Session.realFolders([URL(fileURLWithPath: absolute(file)).deletingLastPathComponent().path] + allowed, absolute)
    }

    /// The real paths of `folders`, each named as typed and found by `resolve`; one that is missing,
    /// or not a folder, is an error.
    static func realFolders(_ folders: [String], _ resolve: (String) -> String) throws -> [String] {
        try folders.map { folder in
            var info = stat()
            guard let real = realPath(resolve(folder)), stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw CommandError("cannot read from \(folder): no such folder")
            }
            return real
        }
    }

    /// The path with every symbolic link, `.` and `..` resolved by the system; nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
