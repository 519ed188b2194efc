/// A LoRA module that targets no weight of the base, with the base weights whose names come
/// closest (see ``NameProximity``), to help find the renaming that would pair it.
struct UnmatchedModule: Sendable, Equatable {
    /// The module path as in the adapter, without `base_model.model.` (e.g. `model.layers.0.mlp.down_proj`).
    let module: String
    /// The closest base weight names, closest first (at most a few; empty when the base has none).
    let closestBaseNames: [String]

    init(module: String, closestBaseNames: [String]) {
        self.module = module
        self.closestBaseNames = closestBaseNames
    }

    /// `module (closest base weights: a, b)`.
    var text: String {
        closestBaseNames.isEmpty
            ? module : "\(module) (closest base weights: \(closestBaseNames.joined(separator: ", ")))"
    }
}
