import Dispatch
import Foundation
import SpeclensAnalysis

/// Ctrl-C during an analysis: the first asks the analysis to stop after the matrices being
/// analysed (their results are journaled, so the same command resumes), the second stops at once
/// (exit 130; the journal stays consistent, a torn last line is dropped on resume).
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    /// Installs the handler for SIGINT, requesting `interruption` on the first one.
    init(_ interruption: AnalysisInterruption) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if interruption.isRequested { _exit(130) }
            interruption.request()
            Pipeline.say("stopping after the matrices being analysed (Ctrl-C again stops at once)")
        }
        source.resume()
        self.source = source
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
