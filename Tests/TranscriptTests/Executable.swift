import Foundation
import XCTest

/// The `nnlab` binary that `swift test` built next to the test bundle, run as a user runs it.
enum Executable {
    /// On Linux the test bundle is itself the running executable, in the products folder.
    static var url: URL {
        Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("nnlab")
    }

    struct Result { var stdout: String; var stderr: String; var status: Int32 }

    static func run(_ arguments: [String] = [], input: String, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                      status: process.terminationStatus)
    }
}
