import Foundation

/// File writes go to a temporary file that is renamed into place, so a failure never leaves half a file.
enum Files {
    /// `path` is where to write; errors name the file as the user wrote it (`named`).
    /// Done with system calls, so a failure names its cause (no space left, file too large, ...).
    static func write(_ text: String, to path: String, named: String? = nil) throws {
        func failure(_ reason: String) -> CommandError { CommandError("cannot write \(named ?? path): \(reason)") }
        guard !isFolder(path) else { throw failure("it is a folder") }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let temporary = folder + "/.nnlab-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(describe(errno)) }
        let bytes = Array(text.utf8)
        var done = 0, error: Int32 = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno != EINTR { error = errno; break }
            done += max(n, 0)
        }
        if close(fd) != 0 && error == 0 { error = errno }
        if error == 0 && rename(temporary, path) != 0 { error = errno }
        if error != 0 {
            unlink(temporary)
            throw failure(describe(error))
        }
    }

    static func describe(_ error: Int32) -> String { String(cString: strerror(error)).lowercased() }

    /// The largest file read: far above any data or session nnlab makes, far below trouble.
    static let largest = 64 << 20

    static func read(_ path: String, named: String? = nil) throws -> String {
        // Refused before reading: a folder, a device or pipe (which could block or never end), a huge file.
        var info = stat()
        if stat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            let problem = kind == S_IFDIR ? "it is a folder" : kind != S_IFREG ? "it is not a regular file"
                : info.st_size > largest ? "it is \(info.st_size >> 20) MB; nnlab reads files up to \(largest >> 20) MB" : nil
            if let problem { throw CommandError("cannot read \(named ?? path): \(problem)") }
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandError("cannot read \(named ?? path): \(reason(error))")
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The system's reason without Foundation's long wrapping.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or directory"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileReadInapplicableStringEncodingError, NSFileReadCorruptFileError: return "not UTF-8 text"
            default: break
            }
        }
        return ns.localizedDescription
    }
}

/// The system's write(2), which `Files.write` would otherwise shadow.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
