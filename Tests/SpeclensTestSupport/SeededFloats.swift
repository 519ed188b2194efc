/// Deterministic test values: SplitMix64 (the generator of SpeclensAnalysis's `SeededRandom`),
/// each output turned into a float32, so that checkpoints written by tests are the same on every
/// machine and run.
public struct SeededFloats {
    private var state: UInt64

    /// A source whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [-1, 1) on a grid of 2⁻²³ (24 random bits; exact in float32).
    public mutating func signedUnit() -> Float {
        Float(nextBits() >> 40) / Float(1 << 23) - 1
    }

    /// `count` values of ``signedUnit()``.
    public mutating func signedUnits(_ count: Int) -> [Float] {
        (0..<count).map { _ in signedUnit() }
    }
}
