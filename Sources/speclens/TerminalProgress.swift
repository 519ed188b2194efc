import Foundation
import SpeclensAnalysis

/// Shows analysis progress on one updating line of standard error, only when standard error is
/// a terminal (pipes and log files stay quiet).
final class TerminalProgress: Sendable {
    private let enabled: Bool

    /// Progress for the current process; `force` overrides the terminal check.
    init(force: Bool? = nil) {
        enabled = force ?? (isatty(STDERR_FILENO) == 1)
    }

    /// Prints one update, e.g. `[12/36] encoder.layer.2.attention.self.key.weight · 0:04 left`.
    func report(_ progress: AnalysisProgress) {
        guard enabled else { return }
        let name = TerminalText.printable(progress.matrix, limit: 60)
        let line =
            "[\(progress.completed)/\(progress.total)] \(name) · "
            + "\(Self.clock(progress.estimatedRemainingSeconds)) left"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        if progress.completed == progress.total {
            FileHandle.standardError.write(
                Data(
                    ("\r\u{1B}[K\(progress.total) matrices analysed in "
                        + "\(Self.clock(progress.elapsedSeconds))\n").utf8))
        }
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.isFinite ? max(0, seconds.rounded()) : 0)
        let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60)
        let pad = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(pad(m)):\(pad(s))" : "\(m):\(pad(s))"
    }
}
