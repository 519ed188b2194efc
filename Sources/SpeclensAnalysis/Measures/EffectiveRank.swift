import Foundation

/// Roy & Vetterli's effective rank of an update ΔW (docs/method.md §4):
/// `p_i = σ_i / Σσ`, `erank = exp(−Σ p_i ln p_i)`, over the singular values above the cutoff
/// `max(σ_max · max(out, in) · 2⁻²⁴, storage floor)`: the float32 rounding level of the
/// decomposition, and for a difference of stored matrices the rounding noise of their storage
/// formats (``StorageRounding``). Values at or below the cutoff are numerical zeros.
struct EffectiveRank: Equatable, Sendable {
    /// The effective rank, or nil when ΔW is zero (an unchanged matrix has none).
    let value: Double?
    /// The cutoff σ: singular values at or below it were dropped.
    let cutoff: Double
    /// The kept singular values (descending).
    let keptValues: [Double]

    /// The effective rank of a `shape[0] × shape[1]` update with singular values `values`
    /// (any order; non-negative), dropping values at or below `storageFloor` too.
    init(singularValues values: [Double], shape: [Int], storageFloor: Double = 0) {
        let sorted = values.sorted(by: >)
        let largest = sorted.first ?? 0
        let cutoff = max(largest * Double(shape.max() ?? 1) * 0x1p-24, storageFloor)
        self.cutoff = cutoff
        keptValues = sorted.filter { $0 > cutoff }
        guard largest > 0 else {
            value = nil
            return
        }
        let total = keptValues.reduce(0, +)
        var entropy = 0.0
        for sigma in keptValues {
            let p = sigma / total
            entropy -= p * log(p)
        }
        value = exp(entropy)
    }
}
