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

    /// Two independent standard-normal samples (Marsaglia's polar method: one logarithm and one
    /// square root per pair, no trigonometry).
    public mutating func gaussianPair() -> (Double, Double) {
        while true {
            let x = 2 * uniform() - 1, y = 2 * uniform() - 1
            let s = x * x + y * y
            guard s > 0, s < 1 else { continue }
            let factor = (-2 * log(s) / s).squareRoot()
            return (x * factor, y * factor)
        }
    }

    /// A chi-square sample with `degrees` ≥ 1 degrees of freedom, i.e. the squared norm of a
    /// standard-normal vector of that dimension, drawn as `2 · Gamma(degrees / 2)` by
    /// Marsaglia–Tsang (a few uniform and normal draws whatever the dimension).
    public mutating func chiSquare(degrees: Int) -> Double {
        precondition(degrees >= 1, "chi-square needs at least one degree of freedom")
        let shape = Double(degrees) / 2
        if shape < 1 {  // Gamma(α) = Gamma(α + 1) · U^(1/α)
            let u = max(uniform(), 0x1p-60)
            return 2 * gamma(shape: shape + 1) * pow(u, 1 / shape)
        }
        return 2 * gamma(shape: shape)
    }

    /// Marsaglia–Tsang's Gamma(α, 1) for α ≥ 1.
    private mutating func gamma(shape alpha: Double) -> Double {
        let d = alpha - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let x = gaussianPair().0
            let v = 1 + c * x
            guard v > 0 else { continue }
            let cube = v * v * v, u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * cube }
            if u > 0, log(u) < 0.5 * x * x + d * (1 - cube + log(cube)) { return d * cube }
        }
    }

    /// `count` standard-normal samples as float32 (drawn in pairs, ``gaussianPair()``).
    public mutating func gaussians(_ count: Int) -> [Float] {
        var samples = [Float](repeating: 0, count: count)
        var index = 0
        while index < count {
            let (g, h) = gaussianPair()
            samples[index] = Float(g)
            if index + 1 < count { samples[index + 1] = Float(h) }
            index += 2
        }
        return samples
    }

    /// A random unit vector of dimension `n`, uniform on the sphere.
    public mutating func unitVector(_ n: Int) -> [Double] {
        let v = (0..<n).map { _ in gaussian() }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
}
