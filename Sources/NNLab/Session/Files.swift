import Foundation

/// File writes go to a temporary file that is renamed into place, so a failure never leaves half a file.
enum Files {
    /// `path` is where to write; errors name the file as the user wrote it (`named`).
    static func write(_ text: String, to path: String, named: String? = nil) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandError("cannot write \(named ?? path): \(isFolder(path) ? "it is a folder" : reason(error))")
        }
    }

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
