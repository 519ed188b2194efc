import Foundation
import Testing

@testable import SpeclensLinearAlgebra

@Suite("Seeded random draws: chi-square samples and the ziggurat's standard-normal samples")
struct SeededRandomTests {
    @Test(
        "A chi-square sample with k degrees of freedom has mean k and variance 2k (20,000 draws, within 4 standard errors)",
        arguments: [1, 5, 2304])
    func chiSquareMoments(degrees k: Int) {
        var random = SeededRandom(seed: UInt64(k))
        let draws = 20_000
        let samples = (0..<draws).map { _ in random.chiSquare(degrees: k) }
        let mean = samples.reduce(0, +) / Double(draws)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)
        #expect(abs(mean - Double(k)) < 4 * (2 * Double(k) / Double(draws)).squareRoot())
        #expect(abs(variance - 2 * Double(k)) / (2 * Double(k)) < 0.1)
        #expect(samples.allSatisfy { $0 > 0 })
    }

    @Test(
        "ziggurat samples are standard normal: over 400,000, mean 0 and variance 1 within 4 standard errors, fourth moment 3 within 0.05, Kolmogorov–Smirnov distance to Φ below its 1% critical value"
    )
    func zigguratMoments() {
        var random = SeededRandom(seed: 11)
        let n = 400_000
        let samples = (0..<n).map { _ in random.normal() }
        let count = Double(n)
        let mean = samples.reduce(0, +) / count
        let variance = samples.reduce(0) { $0 + $1 * $1 } / count - mean * mean
        let fourth = samples.reduce(0) { $0 + $1 * $1 * $1 * $1 } / count
        #expect(abs(mean) < 4 / count.squareRoot())
        #expect(abs(variance - 1) < 4 * (2 / count).squareRoot())
        #expect(abs(fourth - 3) < 0.05)
        let sorted = samples.sorted()
        var distance = 0.0
        for (i, x) in sorted.enumerated() {
            let phi = 0.5 * erfc(-x / 2.0.squareRoot())
            distance = max(distance, abs(phi - Double(i) / count), abs(phi - Double(i + 1) / count))
        }
        #expect(distance < 1.63 / count.squareRoot())
    }

    @Test(
        "the ziggurat's tail and wedges: P(|x| > 3.4426) = 5.76e-4 and P(3 < |x| < 3.4426) = 2.12e-3, each within 5 standard errors over 1,000,000 samples"
    )
    func zigguratTail() {
        var random = SeededRandom(seed: 12)
        let n = 1_000_000
        var beyond = 0
        var between = 0
        for _ in 0..<n {
            let x = abs(random.normal())
            if x > Ziggurat.tailStart { beyond += 1 } else if x > 3 { between += 1 }
        }
        let pBeyond = erfc(Ziggurat.tailStart / 2.0.squareRoot())
        let pBetween = erfc(3 / 2.0.squareRoot()) - pBeyond
        for (observed, p) in [(beyond, pBeyond), (between, pBetween)] {
            let expected = p * Double(n)
            #expect(
                abs(Double(observed) - expected) < 5 * (expected * (1 - p)).squareRoot(), "\(observed) vs \(expected)")
        }
    }

    @Test(
        "the ziggurat's 128 blocks have equal areas: the bottom block (r·f(r) plus the tail) and the top one (x₁₂₇·(1 − f(x₁₂₇))) equal v to 1e-8 relative"
    )
    func zigguratTables() {
        let f = { (x: Double) in exp(-0.5 * x * x) }
        let r = Ziggurat.tailStart
        let v = Ziggurat.blockArea
        let bottom = r * f(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        let top = Ziggurat.x[127] * (1 - f(Ziggurat.x[127]))
        #expect(abs(bottom - v) <= 1e-8 * v && abs(top - v) <= 1e-8 * v)
        #expect(zip(Ziggurat.x, Ziggurat.x.dropFirst()).allSatisfy { $0 > $1 } && Ziggurat.x[128] == 0)
    }
}
