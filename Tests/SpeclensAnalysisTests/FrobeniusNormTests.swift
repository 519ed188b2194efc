import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("The Frobenius norm of float32 values, summed in float64 in eight interleaved partial sums")
struct FrobeniusNormTests {
    @Test("n values of 0.5 give √n / 2 exactly, for every length from 0 to 17 (whole groups of eight and the rest)")
    func equalValues() {
        for n in 0...17 {
            #expect(MatrixComparisonAnalysis.frobenius([Float](repeating: 0.5, count: n)) == Double(n).squareRoot() / 2)
        }
    }

    @Test("1,000,003 Gaussian values: within 1e-13 (relative) of a compensated (Kahan) float64 sum")
    func matchesCompensatedSum() {
        var random = SeededRandom(seed: 12)
        let values = random.gaussians(1_000_003)
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let term = Double(value) * Double(value) - compensation
            let next = sum + term
            compensation = (next - sum) - term
            sum = next
        }
        let exact = sum.squareRoot()
        #expect(abs(MatrixComparisonAnalysis.frobenius(values) - exact) <= 1e-13 * exact)
    }
}
