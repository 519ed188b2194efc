import SpeclensDataset

/// Every run's matrix comparisons by base matrix name, built once per rendering and used by every
/// page and chart that looks a matrix up in a run. Runs are addressed by their position in
/// `dataset.runs` (always unique, even in a hand-edited dataset that repeats a run id); when a run
/// lists a name twice, the first record wins.
struct ComparisonIndex: Sendable {
    private let byRun: [[String: MatrixComparison]]

    /// Indexes the matrices of `runs`.
    init(_ runs: [FineTuneRun]) {
        byRun = runs.map { run in
            Dictionary(run.matrices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The comparisons of run `run` (a position in `dataset.runs`) by base matrix name.
    subscript(run run: Int) -> [String: MatrixComparison] { byRun[run] }
}
