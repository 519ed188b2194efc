import SpeclensDataset

/// Totals over a subset of a run's matrices (a module type, a layer, or all of them).
enum Aggregates {
    /// Intruders at the chosen ε (`MatrixComparison.intruders`) summed over the matrices of `run`
    /// named in `names`.
    static func intruders(_ run: FineTuneRun, names: Set<String>) -> Int {
        run.matrices.reduce(0) { $0 + (names.contains($1.name) ? $1.intruders : 0) }
    }

    /// Intruder counts summed over the matrices of `run` named in `names`, at each ε of the grid.
    static func intrudersByEpsilon(_ run: FineTuneRun, names: Set<String>) -> IntruderCounts {
        run.matrices.filter { names.contains($0.name) }.reduce(IntruderCounts()) { $0 + $1.intrudersByEpsilon }
    }

    /// Number of ranks in bucket `bucket` of `buckets` over a spectrum of `p` values:
    /// `⌊(b+1)·p/B⌋ − ⌊b·p/B⌋`.
    static func bucketSize(p: Int, buckets: Int, bucket: Int) -> Int {
        guard buckets > 0 else { return 0 }
        return (bucket + 1) * p / buckets - bucket * p / buckets
    }

    /// Fraction of intruders per rank bucket over a run's matrices among `bases` (`byName`: the
    /// run's comparisons by name, from `ComparisonIndex`): total intruders / total vectors per
    /// bucket (each matrix weighted by its bucket sizes). Nil when no matrix of the subset has
    /// fractions with `buckets` entries.
    static func spectrumFractions(_ byName: [String: MatrixComparison], bases: [BaseMatrixRecord], buckets: Int)
        -> [Double]?
    {
        weightedFractions(bases: bases, buckets: buckets) { base in
            byName[base.name]?.spectrumIntruderFractions.flatMap { $0.count == buckets ? $0 : nil }
        }
    }

    /// Σ fraction·size / Σ size per bucket over the matrices of `bases` for which `fractions`
    /// gives `buckets` values; nil when it gives none, or `buckets` is 0.
    private static func weightedFractions(
        bases: [BaseMatrixRecord], buckets: Int, _ fractions: (BaseMatrixRecord) -> [Double]?
    ) -> [Double]? {
        // Allocate only for a bucket count some matrix has fractions for (the dataset's count may be anything).
        guard buckets > 0, bases.contains(where: { fractions($0) != nil }) else { return nil }
        var intruders = [Double](repeating: 0, count: buckets)
        var vectors = [Double](repeating: 0, count: buckets)
        var any = false
        for base in bases {
            guard let values = fractions(base), values.count == buckets else { continue }
            let p = RandomBaseline.vectors(base)
            any = true
            for bucket in 0..<buckets {
                let size = Double(bucketSize(p: p, buckets: buckets, bucket: bucket))
                intruders[bucket] += values[bucket] * size
                vectors[bucket] += size
            }
        }
        guard any else { return nil }
        return (0..<buckets).map { vectors[$0] > 0 ? intruders[$0] / vectors[$0] : 0 }
    }

    /// The null controls of `run` summed over its matrices named in `names`, one per kind present
    /// (as `RunSummary.controls` computes them over all matrices): the control's counts and the
    /// run's own counts over the same matrices, at each ε of `grid`.
    static func controls(_ run: FineTuneRun, names: Set<String>, grid: [Double]) -> [ControlSummary] {
        NullControlStyle.kinds.compactMap { kind in
            let pairs = run.matrices.compactMap { matrix -> (MatrixComparison, NullControl)? in
                guard names.contains(matrix.name), let control = matrix.nullControls?.first(where: { $0.kind == kind })
                else { return nil }
                return (matrix, control)
            }
            guard !pairs.isEmpty else { return nil }
            let control = IntruderCounts.sum(pairs.map(\.1.intrudersByEpsilon), grid: grid)
            let own = IntruderCounts.sum(pairs.map(\.0.intrudersByEpsilon), grid: grid)
            return ControlSummary(
                kind: kind, matrices: pairs.count, intrudersByEpsilon: control, runIntrudersByEpsilon: own)
        }
    }

    /// Intruders of the `kind` null control at `epsilon` (its max |cos| `< epsilon`, strict, as
    /// for the run), summed over the matrices of `run` named in `names`; nil when none of them has
    /// that control. Computed from the controls' max |cos|, so it holds at an ε off the grid too.
    static func controlIntruders(_ run: FineTuneRun, names: Set<String>, kind: NullControlKind, epsilon: Double) -> Int?
    {
        var total: Int?
        for matrix in run.matrices where names.contains(matrix.name) {
            guard let control = matrix.nullControls?.first(where: { $0.kind == kind }) else { continue }
            total = (total ?? 0) + control.intruders(atEpsilon: epsilon)
        }
        return total
    }

    /// The `kind` null control's fraction of intruders per rank bucket over a run's matrices among
    /// `bases`, averaged like the run's own curve (`spectrumFractions`): total intruders / total
    /// vectors per bucket. A matrix the run left unchanged counts as zero, as it does for the run
    /// (a random update of norm ‖ΔW‖_F = 0 leaves W0 as it is); a changed matrix without that
    /// control is left out. Nil when no matrix has the control's fractions.
    static func controlSpectrumFractions(
        _ byName: [String: MatrixComparison], bases: [BaseMatrixRecord], buckets: Int, kind: NullControlKind
    ) -> [Double]? {
        var any = false
        let fractions = weightedFractions(bases: bases, buckets: buckets) { base -> [Double]? in
            guard let comparison = byName[base.name], comparison.spectrumIntruderFractions?.count == buckets else {
                return nil
            }
            if !comparison.changed { return [Double](repeating: 0, count: buckets) }
            guard let control = comparison.nullControls?.first(where: { $0.kind == kind })?.spectrumIntruderFractions,
                control.count == buckets
            else { return nil }
            any = true
            return control
        }
        return any ? fractions : nil
    }
}
