import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensOutput
import SpeclensReport

/// Runs a command body, turning any library error into one readable line on standard error
/// (with control characters from file contents neutralised), followed by what to pass on this
/// command line to fix it where that helps, and exit status 1 (130 for an analysis stopped by
/// Ctrl-C).
enum CommandFailure {
    static func guarding(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as AnalysisError {
            if case .interrupted = error {
                FileHandle.standardError.write(Data("speclens: \(TerminalText.printable("\(error)"))\n".utf8))
                throw ExitCode(interruptedStatus)
            }
            report(error)
            throw ExitCode.failure
        } catch {
            report(error)
            throw ExitCode.failure
        }
    }

    /// Exit status after Ctrl-C (128 + SIGINT, as shells report it).
    static let interruptedStatus: Int32 = 130

    /// Prints `error` and its hint on standard error.
    private static func report(_ error: any Error) {
        var message = "speclens: error: \(TerminalText.printable("\(error)"))\n"
        if let hint = hint(for: error) { message += "speclens: hint: \(hint)\n" }
        FileHandle.standardError.write(Data(message.utf8))
    }

    /// The command-line way out of `error`, when there is one.
    static func hint(for error: any Error) -> String? {
        switch error {
        case let failure as ManifestExperimentFailure:
            return hint(for: failure.underlying)
        case AnalysisError.nothingToAnalyse:
            return "check --include/--exclude, or add --include-embeddings / --include-heads"
        case AnalysisError.adapterDoesNotFitBase:
            return "if the adapter's module names only differ from the base's, rewrite them with --map FROM=TO; "
                + "to analyse the modules that pair anyway, add --allow-partial"
        case AnalysisError.runIsBase(_, _, .noMatrixChanged):
            return "if the fine-tune changed tensors outside the selection, widen it (--include/--exclude, "
                + "--include-embeddings, --include-heads)"
        case AnalysisError.unrelatedBase:
            return
                "check that the base is the checkpoint this model was fine-tuned from; to analyse it anyway, add --allow-unrelated"
        case AnalysisError.runIsBase:
            return "the first argument is the base; give the fine-tuned checkpoints after it"
        case AnalysisError.matrixTooLarge, AnalysisError.lapackFailure(_, 1..., _):
            return "leave the matrix out with --exclude REGEX"
        case DatasetError.incompatibleShards(.missingShards), DatasetError.incompatibleShards(.missingMatrices):
            return
                "analyse the missing shards with the same `speclens analyze … --shard I/N` command line, then merge again"
        case DatasetError.incompatibleShards(.notAShard):
            return "give only parts written by `speclens analyze --shard I/N` (or --shard auto, auto/N)"
        case DatasetError.incompatibleShards:
            return "re-run the odd part with the same `speclens analyze … --shard I/N` command line as the others"
        case ReportError.outputFolderNotASite:
            return "to write the site into it anyway, keeping its other files, add --force"
        case OutputError.foreignFolder:
            return "to write into it anyway, keeping its other files, add --force"
        case AnalysisError.journalMismatch, AnalysisError.journalUnusable:
            return "to start over, discarding the journal, add --fresh (or write to another -o)"
        case DatasetError.unreadable, DatasetError.malformed:
            return "produce a dataset with `speclens analyze BASE TUNED... -o dataset.json`"
        case DatasetError.unsupportedSchemaVersion:
            return "upgrade speclens, or re-run `speclens analyze` with this version"
        default:
            return nil
        }
    }
}
