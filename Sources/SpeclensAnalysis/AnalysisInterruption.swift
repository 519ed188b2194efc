import Synchronization

/// A request to stop an analysis early (Ctrl-C): once ``request()`` is called no further
/// matrix job starts; the running ones finish (and are journaled), and the analysis throws
/// ``AnalysisError/interrupted(finished:total:journal:)``. Safe to call from a signal handler's
/// queue while workers read it.
public final class AnalysisInterruption: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Asks the analysis to stop after the running jobs.
    public func request() {
        requested.store(true, ordering: .sequentiallyConsistent)
    }

    /// Whether a stop was requested.
    public var isRequested: Bool {
        requested.load(ordering: .sequentiallyConsistent)
    }
}
