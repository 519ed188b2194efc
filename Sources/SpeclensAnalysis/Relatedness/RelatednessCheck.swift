import SpeclensCheckpoints
import SpeclensLinearAlgebra

/// A cheap check, before any decomposition, that a full fine-tune descends from the base it is
/// compared with. A base of the right architecture but other weights (another checkpoint, a
/// random initialisation, the right tensors with rows permuted) passes every check on names and
/// shapes, and its comparison reports every top vector as an intruder.
///
/// On up to ``sampleSize`` of the run's replaced matrices at least ``minimumSide`` wide, spread
/// evenly over the name-sorted list, it measures the relative change and how much of Wt's top left singular direction lies in
/// the span of W0's top ``baseVectors`` left singular directions (each from a few steps of
/// subspace iteration: a screening estimate, not the analysis's decomposition). The run is
/// refused when both medians point away from the base (``RelatednessEvidence/unrelated``);
/// docs/method.md gives the thresholds and why.
enum RelatednessCheck {
    /// Matrices measured per run at most.
    static let sampleSize = 8
    /// W0's top left singular directions Wt's top direction is projected on.
    static let baseVectors = 4
    /// Above this median relative change a run may be unrelated.
    static let relativeChangeLimit = 0.9
    /// Below this median alignment (projection norm) a run may be unrelated.
    static let alignmentLimit = 0.5
    /// Subspace-iteration steps per matrix.
    static let iterations = 6
    /// Fewest rows and columns of a measured matrix: with fewer, a random direction already keeps
    /// a large part of its length in 4 directions (half of it for 16: `√(4/16)`) and a few
    /// directions make up the whole matrix, so the alignment cannot tell related from unrelated
    /// weights (PEFT's tiny test models are 16 wide).
    static let minimumSide = 64

    /// The evidence for `run` against the plan's base, or nil for a run that is not a full
    /// fine-tune (an adapter's update is built on the base itself).
    static func evidence(for run: RunPlan, base: ModelCheckpoint) throws -> RelatednessEvidence? {
        guard case .full = run.checkpoint else { return nil }
        let replaced = run.matrices.compactMap { name, planned -> (String, any MatrixSource, String)? in
            guard case .replacement(let source, let tensor, _, _) = planned.update,
                let shape = base.info(name)?.shape, shape.count == 2, shape.min()! >= minimumSide
            else { return nil }
            return (name, source, tensor)
        }.sorted { $0.0 < $1.0 }
        let count = min(sampleSize, replaced.count)
        let chosen = Set((0..<count).map { $0 * replaced.count / count }).sorted().map { replaced[$0] }
        var changes: [Double] = []
        var alignments: [Double] = []
        var baselines: [Double] = []
        for (name, source, tensor) in chosen {
            // A damaged matrix is reported by the analysis; it cannot vouch either way.
            guard let w0 = try? base.matrix(name), let wt = try? source.matrix(tensor), w0.shape == wt.shape,
                let measured = measure(w0: w0, wt: wt)
            else { continue }
            changes.append(measured.change)
            alignments.append(measured.alignment)
            baselines.append((Double(min(baseVectors, w0.rows)) / Double(w0.rows)).squareRoot())
        }
        return RelatednessEvidence(
            matrices: changes.count, medianRelativeChange: median(changes), medianTopAlignment: median(alignments),
            medianRandomBaseline: median(baselines))
    }

    /// Throws for the first full run of `plan` the evidence calls unrelated.
    /// - Throws: ``AnalysisError/unrelatedBase(run:base:evidence:)``.
    static func verify(_ plan: AnalysisPlan) throws {
        for run in plan.runs {
            if let evidence = try evidence(for: run, base: plan.base), evidence.unrelated {
                throw AnalysisError.unrelatedBase(run: run.path, base: plan.basePath, evidence: evidence)
            }
        }
    }

    /// Relative change and top-direction alignment of one pair; nil for a zero or too small W0.
    static func measure(w0: Matrix, wt: Matrix) -> (change: Double, alignment: Double)? {
        var difference = 0.0
        var norm = 0.0
        w0.values.withUnsafeBufferPointer { a in
            wt.values.withUnsafeBufferPointer { b in
                for i in 0..<a.count {
                    let d = Double(b[i]) - Double(a[i])
                    difference += d * d
                    norm += Double(a[i]) * Double(a[i])
                }
            }
        }
        let k = min(baseVectors, min(w0.rows, w0.columns) - 1)
        guard norm > 0, k >= 1 else { return nil }
        let base = topLeft(w0, count: k)
        let tuned = topLeft(wt, count: 1)
        var projection = 0.0
        for j in 0..<k {
            var dot = 0.0
            for row in 0..<w0.rows { dot += base[row * k + j] * tuned[row] }
            projection += dot * dot
        }
        return ((difference / norm).squareRoot(), min(1, projection.squareRoot()))
    }

    /// Approximate top `count` left singular vectors of `w` (`out × count` row-major, float64).
    static func topLeft(_ w: Matrix, count: Int) -> [Double] {
        ApproximateSingularVectors.topLeft(of: w, count: count, iterations: iterations, seed: 0x5EED_0F_BA5E)
    }

    /// The median (the mean of the two middle values for an even count); 0 for none.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
