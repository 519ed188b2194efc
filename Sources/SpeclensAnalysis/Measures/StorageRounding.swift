import SpeclensCheckpoints
import SpeclensDataset

/// The rounding noise in the difference of two stored matrices (docs/method.md §4).
///
/// Rounding each entry to its storage format adds an error uniform within ±ulp/2, of variance
/// `ulp² / 12`. The difference ΔW = Wt − W0 of two rounded matrices then carries noise of
/// per-entry variance `σ_N² = mean((ulp(w0)² + ulp(wt)²) / 12)`, and the largest singular value
/// of an `m × n` matrix of such noise is about `σ_N · (√m + √n)`. Singular values of ΔW at or
/// below that floor cannot be told from rounding.
enum StorageRounding {
    /// `σ_N · (√m + √n)` for W0 stored as `baseDType` and Wt as `tunedDType` (same shape).
    static func noiseFloor(
        base: Matrix, baseDType: StorageDType, tuned: Matrix, tunedDType: StorageDType
    ) -> Double {
        let count = base.values.count
        guard count > 0 else { return 0 }
        let sum = squaredSpacings(base.values, dtype: baseDType) + squaredSpacings(tuned.values, dtype: tunedDType)
        let sigma = (sum / 12 / Double(count)).squareRoot()
        return sigma * (Double(base.rows).squareRoot() + Double(base.columns).squareRoot())
    }

    /// `Σ spacing(w)²` over `values` for `dtype`. The spacing depends only on w's binary exponent,
    /// so normal float32 values are counted per exponent (one pass, no per-value arithmetic);
    /// zeros, subnormals and non-finite values are taken one by one.
    static func squaredSpacings(_ values: [Float], dtype: StorageDType) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        var sum = 0.0
        values.withUnsafeBufferPointer { buffer in
            counts.withUnsafeMutableBufferPointer { counts in
                for value in buffer {
                    let biased = Int((value.bitPattern >> 23) & 0xFF)
                    if biased == 0 || biased == 255 {
                        let spacing = dtype.spacing(at: Double(value))
                        sum += spacing * spacing
                    } else {
                        counts[biased] += 1
                    }
                }
            }
        }
        for biased in 1..<255 where counts[biased] > 0 {
            let spacing = dtype.spacing(at: Double(Float(sign: .plus, exponent: biased - 127, significand: 1)))
            sum += Double(counts[biased]) * spacing * spacing
        }
        return sum
    }
}
