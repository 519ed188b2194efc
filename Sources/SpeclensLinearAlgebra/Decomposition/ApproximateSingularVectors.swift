import SpeclensCheckpoints

/// Approximate top singular vectors of a row-major `out × in` float32 matrix W from a fixed
/// number of subspace iterations and one float64 Rayleigh–Ritz step (``RandomizedBlock``),
/// without a certificate: for screening, where ``TopSingularTriplets``' bounds are not needed.
public enum ApproximateSingularVectors {
    /// The top `count` left singular vectors of `w` (`out × count` row-major, float64), from a
    /// block of `count + 4` vectors (at most `min(out, in)`) started from Gaussian columns drawn
    /// from `seed` and iterated `iterations` times.
    public static func topLeft(of w: Matrix, count: Int, iterations: Int, seed: UInt64) -> [Double] {
        let block = RandomizedBlock(w: w, size: min(count + 4, min(w.rows, w.columns)))
        var x = block.startingBlock(warmStart: nil, warmCount: 0, seed: seed)
        for _ in 0..<iterations { block.step(&x) }
        let ritz = block.rayleighRitz(x)
        var left = [Double](repeating: 0, count: w.rows * count)
        for row in 0..<w.rows {
            for j in 0..<count { left[row * count + j] = ritz.left[row * ritz.size + j] }
        }
        return left
    }
}
