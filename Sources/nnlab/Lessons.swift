import Foundation

/// Where the lessons are: $NNLAB_LESSONS, ./lessons, or the repository's lessons/ beside the
/// build folder (.build/release/nnlab → lessons/).
enum Lessons {
    static var directory: String? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates: [String?] = [ProcessInfo.processInfo.environment["NNLAB_LESSONS"], "lessons",
                          binary.appendingPathComponent("../../lessons").standardized.path,
                          binary.appendingPathComponent("../../../lessons").standardized.path]
        return candidates.compactMap { $0 }.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}
