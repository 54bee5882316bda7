import Foundation

/// File writes go to a temporary file that is renamed into place, so a failure never leaves half a file.
enum Files {
    /// `path` is where to write; errors name the file as the user wrote it (`named`).
    static func write(_ text: String, to path: String, named: String? = nil) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandError("cannot write \(named ?? path): \(reason(error))")
        }
    }

    static func read(_ path: String, named: String? = nil) throws -> String {
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
            case NSFileReadInapplicableStringEncodingError: return "not UTF-8 text"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
