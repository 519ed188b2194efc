import Foundation

/// A deterministic random number generator (SplitMix64) with standard-normal samples, so that
/// synthetic models and tests are the same on every machine and run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform sample in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard-normal sample (Box–Muller).
    public mutating func gaussian() -> Double {
        let u1 = max(uniform(), 0x1p-60), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `count` standard-normal samples as float32.
    public mutating func gaussians(_ count: Int) -> [Float] {
        (0..<count).map { _ in Float(gaussian()) }
    }

    /// A random unit vector of dimension `n`, uniform on the sphere.
    public mutating func unitVector(_ n: Int) -> [Double] {
        let v = (0..<n).map { _ in gaussian() }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
}
