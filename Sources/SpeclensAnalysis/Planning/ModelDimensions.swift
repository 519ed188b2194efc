import SpeclensDataset

/// A model's width and depth as its tensors imply them, for checking that an adapter was made for
/// a model of the base's size.
///
/// - ``hiddenSize``: the one dimension that every matrix inside the layer stack (a ``TensorName``
///   with a layer index, of kind projection) has on one of its sides: q/k/v/o map `hidden → …` or
///   `… → hidden`, MLP matrices `hidden ↔ intermediate`. Nil when no matrix is in a layer, or when
///   the matrices share no dimension or more than one (e.g. an adapter of square modules only
///   with two widths, or of `k_proj` `[8, 16]` alone): then nothing can be said.
/// - ``layerCount``: the largest layer index plus one, or nil without layer indices. For an
///   adapter this is a lower bound (it may adapt only the first layers).
struct ModelDimensions: Equatable {
    let hiddenSize: Int?
    let layerCount: Int?

    /// Dimensions implied by matrices given as (tensor name, shape in any orientation).
    init(matrices: [(name: String, shape: [Int])]) {
        var shared: Set<Int>?
        var maxLayer: Int?
        for (name, shape) in matrices {
            let parsed = TensorName(name)
            guard let layer = parsed.layer else { continue }
            maxLayer = max(maxLayer ?? layer, layer)
            guard shape.count == 2, parsed.isWeight, parsed.kind == .projection else { continue }
            shared = shared.map { $0.intersection(shape) } ?? Set(shape)
        }
        hiddenSize = shared.flatMap { $0.count == 1 ? $0.first : nil }
        layerCount = maxLayer.map { $0 + 1 }
    }

    init(hiddenSize: Int?, layerCount: Int?) {
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
    }
}
