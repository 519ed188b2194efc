import SpeclensDataset

/// Matrix names grouped by module kind (``TensorName/module``), each group ordered by layer
/// (then name): what the deterministic samples (``WholeSpectrumSample``, ``ControlSample``) spread
/// their choices over.
enum ModuleLayers {
    /// The groups of `names`, in no particular order; each group sorted by layer.
    static func groups(_ names: [String]) -> [[String]] {
        Dictionary(grouping: names) { TensorName($0).module }.values.map { group in
            group.sorted { (TensorName($0).layer ?? -1, $0) < (TensorName($1).layer ?? -1, $1) }
        }
    }
}
