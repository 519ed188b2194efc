import SpeclensCheckpoints
import SpeclensDataset

/// The rounding noise in the difference of two stored matrices (docs/method.md §4).
///
/// Rounding each entry to its storage format adds an error uniform within ±ulp/2, of variance
/// `ulp² / 12`. The difference ΔW = Wt − W0 of two rounded matrices then carries noise of
/// per-entry variance `σ_N² = mean((ulp(w0)² + ulp(wt)²) / 12)`, and the largest singular value
/// of an `m × n` matrix of such noise is about `σ_N · (√m + √n)`. Singular values of ΔW at or
/// below that floor cannot be told from rounding.
public enum StorageRounding {
    /// `σ_N · (√m + √n)` for W0 stored as `baseDType` and Wt as `tunedDType` (same shape).
    public static func noiseFloor(
        base: Matrix, baseDType: StorageDType, tuned: Matrix, tunedDType: StorageDType
    ) -> Double {
        let count = base.values.count
        guard count > 0 else { return 0 }
        var sum = 0.0
        base.values.withUnsafeBufferPointer { w0 in
            tuned.values.withUnsafeBufferPointer { wt in
                for index in 0..<count {
                    let a = baseDType.spacing(at: Double(w0[index])), b = tunedDType.spacing(at: Double(wt[index]))
                    sum += a * a + b * b
                }
            }
        }
        let sigma = (sum / 12 / Double(count)).squareRoot()
        return sigma * (Double(base.rows).squareRoot() + Double(base.columns).squareRoot())
    }
}
