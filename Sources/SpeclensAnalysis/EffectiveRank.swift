import Foundation

/// Roy & Vetterli's effective rank of an update ΔW (docs/method.md §4):
/// `p_i = σ_i / Σσ`, `erank = exp(−Σ p_i ln p_i)`, over the singular values above the float32
/// rounding level `σ_max · max(out, in) · 2⁻²⁴` (values at or below it are numerical zeros).
public struct EffectiveRank: Equatable, Sendable {
    /// The effective rank, or nil when ΔW is zero (an unchanged matrix has none).
    public let value: Double?
    /// The cutoff σ: singular values at or below it were dropped.
    public let cutoff: Double
    /// The kept singular values (descending).
    public let keptValues: [Double]

    /// The effective rank of a `shape[0] × shape[1]` update with singular values `values`
    /// (any order; non-negative).
    public init(singularValues values: [Double], shape: [Int]) {
        let sorted = values.sorted(by: >)
        let largest = sorted.first ?? 0
        let cutoff = largest * Double(shape.max() ?? 1) * 0x1p-24
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
