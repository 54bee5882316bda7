import Foundation

/// File writes go to a temporary file that is renamed into place, so a failure never leaves half a file.
/// The file written is the one a symbolic link points at (the link stays), it keeps its permissions and
/// owner (a new one gets 0666 less the umask), and a read-only or hard-linked file is refused, not replaced.
/// Public for the executable's history file, which is written the same way.
public enum Files {
    /// `path` is where to write; errors name the file as the user wrote it (`named`).
    /// Done with system calls, so a failure names its cause (no space left, file too large, ...).
    public static func write(_ text: String, to path: String, named: String? = nil) throws {
        func failure(_ reason: String) -> CommandError { CommandError("cannot write \(named ?? path): \(reason)") }
        let target = try linkTarget(path, failure)
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw failure("it is a folder") }
            if kind != S_IFREG { throw failure("it is not a regular file") }
            // The write bits, not access(2), which says yes to root for a file its owner made read-only.
            if info.st_mode & 0o222 == 0 || access(target, W_OK) != 0 { throw failure("it is read-only") }
            // Renaming a new file into place would split the link: the other names would keep the old text.
            if info.st_nlink > 1 { throw failure("it has \(info.st_nlink) hard links, and a new file in its place would split them") }
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let temporary = folder + "/.nnlab-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        // Private until it has the target's permissions and owner.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(describe(errno)) }
        var error: Int32 = 0
        if exists {
            if (info.st_uid != geteuid() || info.st_gid != getegid()) && fchown(fd, info.st_uid, info.st_gid) != 0 {
                error = errno == EPERM ? -1 : errno
            }
            if error == 0 && fchmod(fd, info.st_mode & 0o7777) != 0 { error = errno }
        } else if fchmod(fd, 0o666 & ~currentUmask) != 0 {
            error = errno
        }
        if error == 0 { error = writeAll(fd, text) ?? 0 }
        if error == 0 && fsync(fd) != 0 { error = errno }
        if close(fd) != 0 && error == 0 { error = errno }
        if error == 0 && rename(temporary, target) != 0 { error = errno }
        if error != 0 {
            unlink(temporary)
            throw failure(error == -1 ? "it belongs to another user, and a new file in its place would be yours" : describe(error))
        }
    }

    /// Adds `text` to the end of an existing file in one write; if that fails part way, the file is cut back
    /// to its old length, so it holds only whole additions (a recording's commands).
    static func append(_ text: String, to path: String, named: String? = nil) throws {
        func failure(_ reason: String) -> CommandError { CommandError("cannot write \(named ?? path): \(reason)") }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw failure(describe(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(describe(errno)) }
        if let error = writeAll(fd, text) {
            _ = ftruncate(fd, info.st_size)
            throw failure(describe(error))
        }
    }

    /// Where a symbolic link (or a chain of them) finally points; `path` itself when it is not a link.
    private static func linkTarget(_ path: String, _ failure: (String) -> CommandError) throws -> String {
        var current = path
        for _ in 0..<40 {  // the kernel's own limit on a chain of links (ELOOP)
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw failure(describe(errno)) }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + link
        }
        throw failure(describe(ELOOP))
    }

    /// The process's umask, which can only be read by setting it.
    private static var currentUmask: mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// All of `text`, retrying after a signal; the errno of a failure, nil when all was written.
    private static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
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
