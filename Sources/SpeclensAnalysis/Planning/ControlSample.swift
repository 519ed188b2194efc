import SpeclensDataset

/// The deterministic sample of matrices whose runs get null controls when the analysis does not
/// draw them for all (``AnalysisParameters/controlFraction`` below 1; docs/method.md §1.5): per
/// module kind (``TensorName/module``), `c = min(g, max(1, ⌈fraction · g⌉))` of its `g` matrices,
/// ordered by layer, at positions `⌊(i + ½) · g / c⌋` for `i = 0 ..< c` (evenly spread, centred:
/// for one matrix the middle layer). Chosen from the whole plan's names, so every shard, worker
/// count and resume picks the same matrices.
enum ControlSample {
    /// The chosen names among `names` (all of them when `fraction` is 1 or more).
    static func names(_ names: [String], fraction: Double) -> Set<String> {
        guard fraction < 1 else { return Set(names) }
        var chosen = Set<String>()
        for ordered in ModuleLayers.groups(names) {
            let g = ordered.count
            let c = min(g, max(1, Int((fraction * Double(g)).rounded(.up))))
            for i in 0..<c { chosen.insert(ordered[(2 * i + 1) * g / (2 * c)]) }
        }
        return chosen
    }

    /// The names whose runs get null controls under `parameters` (none with controls off).
    static func names(_ names: [String], parameters: AnalysisParameters) -> Set<String> {
        guard parameters.nullControls else { return [] }
        return self.names(names, fraction: parameters.controlFraction)
    }
}
