import ArgumentParser
import Foundation
import SpeclensAnalysis

/// Runs a command body, turning any library error into one readable line on standard error
/// (with control characters from file contents neutralised) and exit status 1.
enum CommandFailure {
    static func guarding(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            let message = TerminalText.printable("\(error)")
            FileHandle.standardError.write(Data("speclens: error: \(message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
