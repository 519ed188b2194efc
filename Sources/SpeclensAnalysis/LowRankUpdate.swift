import SpeclensCheckpoints

/// A low-rank update `scale · B · A` of a matrix in analysis orientation: a LoRA adapter's (B
/// `out × r`, A `r × in`, `scale = α/r` or as the adapter sets it) or a low-rank null control's.
struct LowRankUpdate {
    /// B, `out × r` row-major.
    let b: Matrix
    /// A, `r × in` row-major.
    let a: Matrix
    /// The factor the product is multiplied by.
    let scale: Double

    /// The rank r of the factors (an upper bound of the update's rank).
    var rank: Int { b.columns }
}
