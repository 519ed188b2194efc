import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

@Suite(
    "New directions on the MiniLM fine-tunes against an independent float64 computation", .serialized, Fixtures.enabled)
struct TopSpanFractionMiniLMTests {
    /// `NewDirectionReference/minilm.json`, made by `scripts/new-directions/make_reference.py`
    /// (numpy, float64): run → matrix → the top-10 vectors' norms on W0's top-20 left span.
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "NewDirectionReference/minilm.json")

    @Test(
        "Every top-10 vector's top-2k span fraction is within 1e-4 of the reference, and the new-direction counts are equal at every ε of the grid",
        arguments: MiniLMReferenceTests.runs)
    func fractionsAndCounts(run id: String) throws {
        let (dataset, _) = try MiniLMReferenceTests().load()
        let reference = try JSONDecoder().decode(
            [String: [String: [Double]]].self, from: Data(contentsOf: Self.reference))
        let run = try #require(dataset.runs.first { $0.id.rawValue == id })
        let expected = try #require(reference[id])
        #expect(run.matrices.count == expected.count)
        for matrix in run.matrices {
            let fractions = try #require(matrix.topSpanFractionTopK, "\(matrix.name)")
            let truth = try #require(expected[matrix.name], "\(matrix.name)")
            #expect(fractions.count == truth.count)
            for (value, exact) in zip(fractions, truth) {
                #expect(abs(Double(value) - exact) < 1e-4, "\(id) \(matrix.name)")
            }
            for epsilon in dataset.parameters.epsilonGrid {
                func count(_ norms: [Double]) -> Int {
                    zip(matrix.maxCosineTopK, norms).filter { Double($0.0) < epsilon && $0.1 < 0.5 }.count
                }
                #expect(count(fractions.map(Double.init)) == count(truth), "\(id) \(matrix.name) ε = \(epsilon)")
            }
        }
    }
}
