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
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard-normal sample (Box–Muller).
    public mutating func gaussian() -> Double {
        let u1 = max(uniform(), 0x1p-60)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A standard-normal sample by the ziggurat method (Marsaglia and Tsang 2000, in Doornik's
    /// 2005 form with 128 blocks, ``Ziggurat``): one 64-bit draw, a comparison and a product for
    /// about 98.8% of the samples; the rest take the wedge test or the tail beyond 3.44.
    mutating func normal() -> Double {
        var sample = 0.0
        forEachNormal(1) { sample = $0 }
        return sample
    }

    /// Calls `body` with the next `count` samples of ``normal()`` (the same sequence), reading
    /// the ziggurat's tables once.
    @inline(__always)
    public mutating func forEachNormal(_ count: Int, _ body: (Double) -> Void) {
        Ziggurat.x.withUnsafeBufferPointer { x in
            Ziggurat.ratio.withUnsafeBufferPointer { ratio in
                for _ in 0..<count {
                    let bits = next()
                    let block = Int(bits & 0x7F)  // bits 0–6 choose the block, bits 11–63 the abscissa
                    let u = 2 * (Double(bits >> 11) * 0x1p-53) - 1
                    body(abs(u) < ratio[block] ? u * x[block] : slowNormal(block: block, u: u))
                }
            }
        }
    }

    /// The rest of ``normal()`` when the draw (`block`, `u`) is outside block `block`'s part
    /// under the curve: the tail for the bottom block, the wedge test for the others, and new
    /// draws after a rejection.
    private mutating func slowNormal(block firstBlock: Int, u firstU: Double) -> Double {
        var (block, u) = (firstBlock, firstU)
        while true {
            if abs(u) < Ziggurat.ratio[block] { return u * Ziggurat.x[block] }
            if block == 0 { return tail(negative: u < 0) }
            let x = u * Ziggurat.x[block]
            let x0 = Ziggurat.x[block]
            let x1 = Ziggurat.x[block + 1]
            let f0 = exp(-0.5 * (x0 * x0 - x * x))
            let f1 = exp(-0.5 * (x1 * x1 - x * x))
            if f1 + uniform() * (f0 - f1) < 1 { return x }
            let bits = next()
            (block, u) = (Int(bits & 0x7F), 2 * (Double(bits >> 11) * 0x1p-53) - 1)
        }
    }

    /// A sample of the standard normal's tail beyond ``Ziggurat/tailStart`` (Marsaglia 1964).
    private mutating func tail(negative: Bool) -> Double {
        let r = Ziggurat.tailStart
        while true {
            let x = log(max(uniform(), 0x1p-60)) / r
            let y = log(max(uniform(), 0x1p-60))
            if -2 * y >= x * x { return negative ? x - r : r - x }
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
        let d = alpha - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let v = 1 + c * x
            guard v > 0 else { continue }
            let cube = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * cube }
            if u > 0, log(u) < 0.5 * x * x + d * (1 - cube + log(cube)) { return d * cube }
        }
    }

    /// `count` standard-normal samples as float32 (``normal()``).
    public mutating func gaussians(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            var index = 0
            forEachNormal(count) { sample in
                buffer[index] = Float(sample)
                index += 1
            }
            initialised = count
        }
    }

    /// A random unit vector of dimension `n`, uniform on the sphere.
    public mutating func unitVector(_ n: Int) -> [Double] {
        let v = (0..<n).map { _ in gaussian() }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
}
