import SpeclensDataset

/// Totals over a subset of a run's matrices (a module type, a layer, or all of them).
enum Aggregates {
    /// Intruders at the chosen ε (`MatrixComparison.intruders`) summed over the matrices of `run`
    /// named in `names`.
    static func intruders(_ run: FineTuneRun, names: Set<String>) -> Int {
        run.matrices.reduce(0) { $0 + (names.contains($1.name) ? $1.intruders : 0) }
    }

    /// Intruder counts summed over the matrices of `run` named in `names`, at each ε of the grid,
    /// keyed by `EpsilonKey`.
    static func intrudersByEpsilon(_ run: FineTuneRun, names: Set<String>) -> [String: Int] {
        var totals: [String: Int] = [:]
        for comparison in run.matrices where names.contains(comparison.name) {
            for (key, count) in comparison.intrudersByEpsilon { totals[key, default: 0] += count }
        }
        return totals
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
    static func spectrumFractions(_ byName: [String: MatrixComparison], bases: [BaseMatrixRecord], buckets: Int) -> [Double]? {
        // Allocate only for a bucket count some matrix has fractions for (the dataset's count may be anything).
        guard buckets > 0, bases.contains(where: { byName[$0.name]?.spectrumIntruderFractions?.count == buckets })
        else { return nil }
        var intruders = [Double](repeating: 0, count: buckets)
        var vectors = [Double](repeating: 0, count: buckets)
        var any = false
        for base in bases {
            guard let fractions = byName[base.name]?.spectrumIntruderFractions, fractions.count == buckets else { continue }
            let p = base.shape.count == 2 ? min(base.shape[0], base.shape[1]) : base.singularValues.count
            any = true
            for bucket in 0..<buckets {
                let size = Double(bucketSize(p: p, buckets: buckets, bucket: bucket))
                intruders[bucket] += fractions[bucket] * size
                vectors[bucket] += size
            }
        }
        guard any else { return nil }
        return (0..<buckets).map { vectors[$0] > 0 ? intruders[$0] / vectors[$0] : 0 }
    }

    /// The distinct random-direction baselines √(2 ln n / n) of `bases`, by vector dimension n
    /// (ascending n), with how many matrices have each.
    static func baselines(_ bases: [BaseMatrixRecord]) -> [(dimension: Int, value: Double, matrices: Int)] {
        var byDimension: [Int: (Double, Int)] = [:]
        for base in bases {
            let entry = byDimension[base.vectorDimension] ?? (base.randomBaselineMaxCosine, 0)
            byDimension[base.vectorDimension] = (entry.0, entry.1 + 1)
        }
        return byDimension.keys.sorted().map { ($0, byDimension[$0]!.0, byDimension[$0]!.1) }
    }
}
