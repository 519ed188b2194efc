import SpeclensDataset

/// How a run is named to readers. A run with a label (from an experiment manifest) is named by its
/// label, verbatim; one without by its id and kind: `id (full)` or `id (LoRA r=8)`.
enum RunLabel {
    /// The name in legends, headings and tables (plain text, escaped where used).
    static func text(_ run: FineTuneRun) -> String {
        if let label = run.label { return label }
        switch run.kind {
        case .full: return "\(run.id) (full)"
        case .lora: return "\(run.id) (LoRA" + (run.lora.map { " r=\($0.r)" } ?? "") + ")"
        }
    }

    /// A CSV column name for a run: its id, which scripts can rely on, followed by its label in
    /// brackets when it has one that differs (`lora-r8-a16 [LoRA r=8 (α = 2r)]`).
    static func csvHeader(_ run: FineTuneRun) -> String {
        guard let label = run.label, label != run.id.rawValue else { return run.id.rawValue }
        return "\(run.id) [\(label)]"
    }
}
