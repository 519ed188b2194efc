import Foundation
import SpeclensDataset

@testable import SpeclensReport

/// The fixture dataset (`Fixtures.dataset()`) with the numbers a researcher needs to trust it:
/// null controls, a matrix whose compared space is larger than its pre-trained span, storage
/// formats with effective ranks near storage resolution, and run notes. Values are chosen so that
/// the expected totals can be worked out by hand (see each function).
enum TrustFixtures {
    /// Max |cos| of the isotropic control's top 10: 0.97, 0.92, …, 0.52 (j = 0 … 9).
    static let isotropicMaxCos: [Float] = (0..<10).map { 0.97 - 0.05 * Float($0) }
    /// Max |cos| of the low-rank control's top 10: 0.3 for j = 0, 1; 0.9 for the others.
    static let lowRankMaxCos: [Float] = (0..<10).map { $0 < 2 ? 0.3 : 0.9 }
    /// Fractions per rank bucket (4 buckets) of the controls.
    static let isotropicFractions: [Double] = [0, 0.25, 0.5, 0.75]
    static let lowRankFractions: [Double] = [0.5, 0, 0, 0]
    /// The LoRA run's note.
    static let note = "the adapter names its base model \"a/b\"; the base's config.json names \"c/d\""

    /// Sets `matrix`'s intruders, their ranks and its counts on `grid` from its max |cos| (strict <).
    static func recount(_ matrix: inout MatrixComparison, epsilon: Double, grid: [Double]) {
        let maxCos = matrix.maxCosineTopK.map(Double.init)
        matrix.intruderIndices = maxCos.indices.filter { maxCos[$0] < epsilon }
        matrix.intruders = matrix.intruderIndices.count
        for value in grid { matrix.intrudersByEpsilon[value] = maxCos.filter { $0 < value }.count }
    }

    /// A control of `kind` with the max |cos| and fractions above, counted on `grid`.
    static func control(_ kind: NullControlKind, rank: Int, grid: [Double]) -> NullControl {
        let maxCos = kind == .isotropic ? isotropicMaxCos : lowRankMaxCos
        var counts = IntruderCounts()
        for value in grid { counts[value] = maxCos.filter { Double($0) < value }.count }
        return NullControl(
            kind: kind, rank: rank, maxCosineTopK: maxCos, intrudersByEpsilon: counts,
            spectrumIntruderFractions: kind == .isotropic ? isotropicFractions : lowRankFractions)
    }

    /// Recomputes every run's summary from its matrices (as the analysis does).
    static func summarise(_ dataset: inout SpectralDataset) {
        for index in dataset.runs.indices {
            dataset.runs[index].summary = RunSummary(
                matrices: dataset.runs[index].matrices, epsilon: dataset.parameters.epsilon,
                epsilonGrid: dataset.parameters.epsilonGrid)
        }
    }

    /// The fixture with 4 spectrum buckets (full run: all zero; LoRA run: 0.25, 0, 0, 0.5 where
    /// changed) and null controls on every changed matrix: isotropic in both runs, low-rank (rank 4)
    /// in the LoRA run, whose matrix 3 is unchanged and has none.
    static func withControls(_ start: SpectralDataset = Fixtures.dataset()) -> SpectralDataset {
        var dataset = start
        let grid = dataset.parameters.epsilonGrid
        dataset.parameters.spectrumBuckets = 4
        for r in dataset.runs.indices {
            let lora = dataset.runs[r].kind == .lora
            for m in dataset.runs[r].matrices.indices {
                var matrix = dataset.runs[r].matrices[m]
                matrix.spectrumIntruderFractions = !matrix.changed || !lora ? [0, 0, 0, 0] : [0.25, 0, 0, 0.5]
                matrix.nullControls =
                    !matrix.changed
                    ? []
                    : [control(.isotropic, rank: 16, grid: grid)]
                        + (lora ? [control(.lowRank, rank: 4, grid: grid)] : [])
                dataset.runs[r].matrices[m] = matrix
            }
        }
        summarise(&dataset)
        return dataset
    }

    /// The fixture without null controls: analysed with them off (`parameters.null_controls`
    /// false), every matrix's `null_controls` empty and no summary of them.
    static func withoutControls() -> SpectralDataset {
        var dataset = Fixtures.dataset()
        dataset.parameters.nullControls = false
        for r in dataset.runs.indices {
            for m in dataset.runs[r].matrices.indices { dataset.runs[r].matrices[m].nullControls = [] }
        }
        summarise(&dataset)
        return dataset
    }

    /// The fixture whose matrix 0 is 32 × 16 (left vectors in dimension 32 against 16 pre-trained
    /// ones), with span fractions in both runs: all 0.99 in the full run; in the LoRA run, j = 2 (its
    /// intruder at ε = 0.5, max |cos| 0.05) has f = 0.5 and j = 4 (max |cos| set to 0.55, not an
    /// intruder) f = 0.6, both leaving the span (f² < 1/2). So the LoRA run has 1 intruder outside
    /// the span at ε = 0.5, the full run 0.
    static func withSpan(_ start: SpectralDataset = Fixtures.dataset()) -> SpectralDataset {
        var dataset = start
        dataset.base.matrices[0].shape = [32, 16]
        dataset.base.matrices[0].vectorDimension = 32
        for r in dataset.runs.indices {
            var matrix = dataset.runs[r].matrices[0]
            var fractions = [Float](repeating: 0.99, count: matrix.maxCosineTopK.count)
            if dataset.runs[r].kind == .lora {
                fractions[2] = 0.5
                fractions[4] = 0.6
                matrix.maxCosineTopK[4] = 0.55
                recount(&matrix, epsilon: dataset.parameters.epsilon, grid: dataset.parameters.epsilonGrid)
            }
            matrix.spanFractionTopK = fractions
            dataset.runs[r].matrices[0] = matrix
        }
        summarise(&dataset)
        return dataset
    }

    /// The fixture stored in BF16: every base matrix BF16; the full run's tensors BF16 with a
    /// rounding floor, of which the matrices at `flagged` are near storage resolution (the default,
    /// 0, 1 and 2 of 4, flags the run too: more than half); the LoRA run's exact updates none.
    static func withStorage(_ start: SpectralDataset = Fixtures.dataset(), flagged: Set<Int> = [0, 1, 2])
        -> SpectralDataset
    {
        var dataset = start
        for m in dataset.base.matrices.indices { dataset.base.matrices[m].dtype = .bf16 }
        for r in dataset.runs.indices {
            for m in dataset.runs[r].matrices.indices {
                let full = dataset.runs[r].kind == .full
                dataset.runs[r].matrices[m].tunedDtype = full ? .bf16 : nil
                dataset.runs[r].matrices[m].roundingNoiseFloor = full ? 0.004 : nil
                dataset.runs[r].matrices[m].nearStorageResolution = full && flagged.contains(m)
            }
        }
        summarise(&dataset)
        return dataset
    }

    /// The fixture with a note on the LoRA run (`note`) and `notes` on it when given instead.
    static func withNotes(_ notes: [String] = [note], _ start: SpectralDataset = Fixtures.dataset()) -> SpectralDataset
    {
        var dataset = start
        dataset.runs[1].notes = notes
        return dataset
    }

    /// Everything at once: controls, span, storage formats with 3 of 4 full-run matrices flagged,
    /// and the note.
    static func all() -> SpectralDataset {
        withNotes([note], withStorage(withSpan(withControls())))
    }

    /// Renders `dataset` as a site into a fresh folder: the folder and the files written.
    static func render(_ dataset: SpectralDataset) throws -> (String, [String]) {
        let directory = try Fixtures.temporaryDirectory()
        return (directory, try SiteGenerator().generate(dataset, into: directory))
    }

    /// The CSV column `name` of `csv` (fields unquoted), one value per data row.
    static func column(_ name: String, in csv: String) -> [String] {
        let lines = csv.split(separator: "\n").map { fields(String($0)) }
        guard let header = lines.first, let index = header.firstIndex(of: name) else { return [] }
        return lines.dropFirst().map { index < $0.count ? $0[index] : "" }
    }

    /// The fields of one CSV line (RFC 4180 quoting, no line breaks inside fields).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters = characters.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        return fields + [field]
    }
}
