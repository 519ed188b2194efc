import SpeclensDataset

/// The caveat on effective ranks near storage resolution (docs/method.md §4): a stored
/// difference most of whose singular values lie at or below the rounding floor of its storage
/// format has an effective rank that depends on where that floor is drawn. Plain text.
enum StorageCaveat {
    /// The mark placed after a flagged effective rank in tables and heat maps.
    static let mark = "†"

    /// Whether `comparison` is flagged `near_storage_resolution`.
    static func isFlagged(_ comparison: MatrixComparison) -> Bool {
        comparison.nearStorageResolution == true
    }

    /// `W0 F32, Wt BF16` for the formats of the matrices `names` of `run` (distinct, sorted);
    /// nil when the dataset records none.
    static func formats(_ dataset: SpectralDataset, run: FineTuneRun, names: Set<String>) -> String? {
        let base = Set(dataset.base.matrices.filter { names.contains($0.name) }.compactMap(\.dtype?.rawValue)).sorted()
        let tuned = Set(run.matrices.filter { names.contains($0.name) }.compactMap(\.tunedDtype?.rawValue)).sorted()
        var parts: [String] = []
        if !base.isEmpty { parts.append("W0 " + base.joined(separator: "/")) }
        if !tuned.isEmpty { parts.append("Wt " + tuned.joined(separator: "/")) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The run-level sentence for the overview, or nil when no changed matrix of `run` is flagged:
    /// for a run flagged `near_storage_resolution` (most changed matrices), a caveat on all its
    /// effective ranks; otherwise a note naming how many matrices are marked.
    static func runSentence(_ dataset: SpectralDataset, run: FineTuneRun) -> (text: String, isCaveat: Bool)? {
        let changed = run.matrices.filter(\.changed)
        let flagged = changed.filter(isFlagged)
        let count = run.summary.nearStorageResolutionMatrices ?? flagged.count
        guard count > 0 else { return nil }
        let formats = formats(dataset, run: run, names: Set(flagged.map(\.name))).map { " (\($0))" } ?? ""
        let counted = "\(count) of \(changed.count) changed matrices are near storage resolution"
        if run.summary.nearStorageResolution == true {
            return (
                "Run \(run.displayLabel): \(counted), so its effective ranks depend on the rounding floor of its storage format"
                    + "\(formats), not only on the update: most of ΔW's singular values lie at or below that floor "
                    + "(speclens method, §4 near storage resolution).", true
            )
        }
        return (
            "Run \(run.displayLabel): \(counted) (marked \(mark)); their effective rank depends on the rounding floor of the "
                + "storage format\(formats).", false
        )
    }

    /// The matrix-page sentence for a flagged comparison of `base` (plain text).
    static func matrixSentence(base: BaseMatrixRecord, comparison: MatrixComparison) -> String {
        let p = RandomBaseline.vectors(base)
        let floor =
            comparison.roundingNoiseFloor.map {
                ", the rounding floor of the storage formats is \(NumberFormat.significant($0, 3))"
            } ?? ""
        return "Only \(comparison.numericalRank) of ΔW's \(p) singular values lie above the cutoff "
            + "σ = \(NumberFormat.significant(comparison.effectiveRankCutoff, 3))\(floor), so this effective rank depends on the "
            + "rounding floor of the storage format, not only on the update (speclens method, §4 near storage resolution)."
    }
}
