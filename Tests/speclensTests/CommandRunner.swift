import Foundation
import SpeclensTestSupport

/// Runs the `speclens` executable built next to the test bundle.
struct CommandRunner {
    struct Outcome {
        /// The exit status, or the signal number when `signalled`.
        let status: Int32
        /// Whether the process was ended by a signal (a trap or crash) instead of exiting.
        let signalled: Bool
        let standardOutput: String
        let standardError: String
    }

    /// The `speclens` binary in the build products folder that holds the test bundle.
    static var executable: URL {
        let main = Bundle.main
        let candidates = [
            main.bundleURL, main.bundleURL.deletingLastPathComponent(),
            main.executableURL?.deletingLastPathComponent(),
        ].compactMap { $0 }
        for folder in candidates {
            let url = folder.appending(path: "speclens")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return main.bundleURL.appending(path: "speclens")
    }

    /// Runs `speclens arguments…` in `directory` and waits for it; `environment` adds to (or,
    /// with an empty value, removes from) the test's environment.
    static func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]) throws
        -> Outcome
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = TestEnvironment.speclens
        for (name, value) in extra { environment[name] = value.isEmpty ? nil : value }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh scratch folder.
    static func scratch() throws -> URL {
        URL(fileURLWithPath: try TestFiles.freshFolder("speclens-cli"))
    }
}
