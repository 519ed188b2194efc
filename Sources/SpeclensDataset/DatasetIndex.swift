/// A dataset's records by their keys, built once and checked: each run by its id, each base
/// matrix by its name, and each run's comparisons by base matrix name. A dataset that repeats a
/// run id, or a matrix name in `base.matrices` or within one run's `matrices`, has no index: it is
/// inconsistent (``SpectralDataset/inconsistency``), and no reader picks one of the records.
///
/// Runs are also addressed by their position in `dataset.runs`, the order a report shows them in.
public struct DatasetIndex: Sendable {
    /// The position in `dataset.runs` of each run id.
    public let runPositions: [RunID: Int]
    /// The position in `base.matrices` of each base matrix name.
    public let basePositions: [String: Int]
    /// Each base matrix by name.
    private let bases: [String: BaseMatrixRecord]
    /// Each run's comparisons by base matrix name, by the run's position in `dataset.runs`.
    private let comparisonsByRun: [[String: MatrixComparison]]

    /// The index of `dataset`.
    /// - Throws: ``DatasetError/inconsistent(reason:)`` naming the first repeated run id or
    ///   matrix name.
    public init(_ dataset: SpectralDataset) throws(DatasetError) {
        switch Self.build(dataset) {
        case .success(let index): self = index
        case .failure(let repeated): throw DatasetError.inconsistent(reason: repeated.description)
        }
    }

    private init(
        runPositions: [RunID: Int], basePositions: [String: Int], bases: [String: BaseMatrixRecord],
        comparisonsByRun: [[String: MatrixComparison]]
    ) {
        self.runPositions = runPositions
        self.basePositions = basePositions
        self.bases = bases
        self.comparisonsByRun = comparisonsByRun
    }

    /// The index of `dataset`, or the first key it repeats.
    static func build(_ dataset: SpectralDataset) -> Result<DatasetIndex, RepeatedKey> {
        let runPositions: [RunID: Int]
        let basePositions: [String: Int]
        do {
            runPositions = try positions(of: dataset.runs.map(\.id), in: "runs", naming: "run id")
            basePositions = try positions(
                of: dataset.base.matrices.map(\.name), in: "base.matrices", naming: "matrix name")
        } catch {
            return .failure(error)
        }
        var comparisonsByRun: [[String: MatrixComparison]] = []
        comparisonsByRun.reserveCapacity(dataset.runs.count)
        for (position, run) in dataset.runs.enumerated() {
            let names: [String: Int]
            do {
                names = try positions(
                    of: run.matrices.map(\.name), in: "runs[\(position)].matrices", naming: "matrix name")
            } catch {
                return .failure(error)
            }
            comparisonsByRun.append(names.mapValues { run.matrices[$0] })
        }
        return .success(
            DatasetIndex(
                runPositions: runPositions, basePositions: basePositions,
                bases: basePositions.mapValues { dataset.base.matrices[$0] }, comparisonsByRun: comparisonsByRun))
    }

    /// The position of each key in `keys`, or the first key that repeats (`field` names the list,
    /// `what` its keys, in the error).
    private static func positions<Key: Hashable & CustomStringConvertible>(
        of keys: [Key], in field: String, naming what: String
    ) throws(RepeatedKey) -> [Key: Int] {
        var positions: [Key: Int] = [:]
        positions.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() {
            if let first = positions[key] {
                throw RepeatedKey(field: field, what: what, key: key.description, first: first, repeated: position)
            }
            positions[key] = position
        }
        return positions
    }

    /// The run with id `id`'s position in `dataset.runs`; nil when there is none.
    public func runPosition(_ id: RunID) -> Int? { runPositions[id] }

    /// The base matrix named `name`; nil when there is none.
    public func base(named name: String) -> BaseMatrixRecord? { bases[name] }

    /// The comparisons of the run at position `run` in `dataset.runs`, by base matrix name.
    public func comparisons(run: Int) -> [String: MatrixComparison] { comparisonsByRun[run] }

    /// The comparison of base matrix `name` in the run at position `run`; nil when the run did not
    /// analyse it.
    public func comparison(run: Int, matrix name: String) -> MatrixComparison? { comparisonsByRun[run][name] }
}
