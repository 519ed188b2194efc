import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensAnalysis

@Suite("Null controls on a deterministic sample of matrices")
struct ControlSampleTests {
    /// Twelve layers of three module kinds.
    static let names = (0..<12).flatMap { layer in
        ["query", "key", "value"].map { "encoder.layer.\(layer).attention.self.\($0).weight" }
    }

    @Test(
        "A quarter of 12 layers is 3 per module kind, centred in thirds: layers 2, 6 and 10, whatever the input order")
    func quarterOfTwelve() {
        let chosen = ControlSample.names(Self.names, fraction: 0.25)
        #expect(chosen.count == 9)
        for module in ["query", "key", "value"] {
            for layer in [2, 6, 10] {
                #expect(chosen.contains("encoder.layer.\(layer).attention.self.\(module).weight"))
            }
        }
        #expect(ControlSample.names(Self.names.reversed(), fraction: 0.25) == chosen)
    }

    @Test(
        "A small fraction still draws one matrix per module kind (the middle layer); fraction 1 draws all; controls off draw none"
    )
    func edges() {
        #expect(
            ControlSample.names(Self.names, fraction: 0.01)
                == Set(
                    ["query", "key", "value"].map { "encoder.layer.6.attention.self.\($0).weight" }))
        #expect(ControlSample.names(Self.names, fraction: 1).count == 36)
        #expect(ControlSample.names(Self.names, parameters: AnalysisParameters(nullControls: false)).isEmpty)
    }

    @Test(
        "On the demo pair (4 layers × 6 kinds) the default analysis draws controls only on the sampled matrices a run changed (6 of 24 for the full fine-tune), equal to those of an analysis drawing them for all"
    )
    func analysis() throws {
        let sampled = try SyntheticPipelineTests.analyze(workers: 1)
        let all = try SyntheticPipelineTests.analyze(workers: 1, parameters: AnalysisParameters(controlFraction: 1))
        let sample = ControlSample.names(sampled.base.matrices.map(\.name), fraction: 0.25)
        #expect(sample.count == 6)
        for (run, full) in zip(sampled.runs, all.runs) {
            let changed = Set(run.matrices.filter(\.changed).map(\.name))
            let withControls = run.matrices.filter { !($0.nullControls ?? []).isEmpty }
            #expect(Set(withControls.map(\.name)) == changed.intersection(sample))
            #expect(full.matrices.filter { !($0.nullControls ?? []).isEmpty }.count == changed.count)
            for matrix in withControls {
                #expect(matrix.nullControls == full.matrices.first { $0.name == matrix.name }?.nullControls)
            }
            // Control totals compare the run with its controls on the same matrices.
            #expect(run.summary.controls?.allSatisfy { $0.matrices == withControls.count } == true)
        }
        #expect(sampled.runs[0].matrices.filter { !($0.nullControls ?? []).isEmpty }.count == 6)
        #expect(sampled.parameters.controlFraction == 0.25)
    }

    @Test("A control fraction outside (0, 1] is refused before anything is read")
    func refused() {
        #expect(throws: AnalysisError.self) {
            try SpectralAnalyzer(parameters: AnalysisParameters(controlFraction: 0))
        }
    }
}
