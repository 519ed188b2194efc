import Foundation
import SpeclensLinearAlgebra
import Synchronization

/// The random-direction baseline of the intruder test (docs/method.md §1.4): the max |cos| of a
/// uniformly random unit vector of an n-dimensional space against p orthonormal vectors.
///
/// It depends only on (n, p): rotating the space maps any p orthonormal vectors to the first p
/// coordinate axes, so a draw is `max_{i<p} |g_i| / ‖g‖` for a standard-normal g ∈ Rⁿ, and no
/// product with the actual singular vectors is needed. The p coordinates are drawn one by one; the
/// squared norm of the other n − p is drawn as one chi-square variate. Each distinct (n, p) is
/// simulated once per process, with ``draws`` draws from a generator seeded by (n, p), so the
/// values are the same in every run, shard and worker.
struct RandomDirectionBaseline: Equatable, Sendable {
    /// Draws per estimate.
    static let draws = 4000

    /// Dimension of the space.
    let dimension: Int
    /// Number of orthonormal vectors compared against (`≤ dimension`).
    let basisSize: Int
    /// The mean max |cos|.
    let mean: Double
    /// The 95th percentile of max |cos|.
    let percentile95: Double

    private static let cache = Mutex<[Int: RandomDirectionBaseline]>([:])

    /// The baseline for an n-dimensional space and p ≤ n basis vectors (cached per process).
    static func of(dimension n: Int, basisSize p: Int) -> RandomDirectionBaseline {
        let p = min(max(p, 1), max(n, 1))
        let key = n &* 1_000_003 &+ p
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let value = RandomDirectionBaseline(simulatingDimension: n, basisSize: p)
        cache.withLock { $0[key] = value }
        return value
    }

    /// Simulates the baseline (see the type description).
    init(simulatingDimension n: Int, basisSize p: Int) {
        dimension = n
        basisSize = p
        guard n > 1 else {
            mean = 1
            percentile95 = 1
            return
        }
        var random = SeededRandom(seed: 0x5EED_BA5E ^ (UInt64(n) << 32) ^ UInt64(p))
        var samples = [Double](repeating: 0, count: Self.draws)
        for draw in 0..<Self.draws {
            // The p coordinates along the basis one by one; the other n − p only through
            // their squared norm, a chi-square with n − p degrees of freedom.
            var squares = n > p ? random.chiSquare(degrees: n - p) : 0
            var largest = 0.0
            random.forEachNormal(p) { g in
                squares += g * g
                largest = max(largest, abs(g))
            }
            samples[draw] = largest / squares.squareRoot()
        }
        mean = samples.reduce(0, +) / Double(samples.count)
        samples.sort()
        percentile95 = samples[Int((0.95 * Double(samples.count - 1)).rounded())]
    }
}
