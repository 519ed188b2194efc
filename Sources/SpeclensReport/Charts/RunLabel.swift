import SpeclensDataset

/// The short description of a run used in legends: `id (full)` or `id (LoRA r=8)`.
enum RunLabel {
    static func text(_ run: FineTuneRun) -> String {
        switch run.kind {
        case .full: return "\(run.id) (full)"
        case .lora: return "\(run.id) (LoRA" + (run.lora.map { " r=\($0.r)" } ?? "") + ")"
        }
    }
}
