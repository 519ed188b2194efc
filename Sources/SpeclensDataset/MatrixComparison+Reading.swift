extension MatrixComparison {
    /// Ranks (0-based, into Wt's spectrum) of the top-k fine-tuned vectors that are intruders at
    /// `epsilon`: their stored max |cos| (``maxCosineTopK``) is strictly below it. At the analysis
    /// ε this is ``intruderIndices``; at any other ε it is what the analysis would have recorded,
    /// since the count depends on nothing else.
    public func intruderIndices(atEpsilon epsilon: Double) -> [Int] {
        maxCosineTopK.indices.filter { Double(maxCosineTopK[$0]) < epsilon }
    }

    /// How many of the top-k fine-tuned vectors are intruders at `epsilon` (max |cos| `< epsilon`).
    public func intruders(atEpsilon epsilon: Double) -> Int {
        maxCosineTopK.reduce(0) { $0 + (Double($1) < epsilon ? 1 : 0) }
    }
}

extension FineTuneRun {
    /// Intruders at `epsilon` summed over the run's matrices, from their stored max |cos|
    /// (``MatrixComparison/intruders(atEpsilon:)``).
    public func intruders(atEpsilon epsilon: Double) -> Int {
        matrices.reduce(0) { $0 + $1.intruders(atEpsilon: epsilon) }
    }

    /// The run as read at `epsilon`: every matrix's ``MatrixComparison/intruders`` and
    /// ``MatrixComparison/intruderIndices``, and the summary's ``RunSummary/intruders`` and
    /// ``RunSummary/intrudersOutsideSpan``, recomputed from the stored max |cos| (strict `<`).
    /// Everything else, including the grid counts and the spectrum fractions (computed at the
    /// analysis ε), is unchanged. A stack step's comparison with the previous step is read the
    /// same way.
    public func reading(atEpsilon epsilon: Double) -> FineTuneRun {
        var run = self
        MatrixComparison.read(&run.matrices, summary: &run.summary, atEpsilon: epsilon)
        run.againstPreviousStep = run.againstPreviousStep?.reading(atEpsilon: epsilon)
        return run
    }
}

extension MatrixComparison {
    /// Recounts `matrices` (intruders and their indices) and their `summary` (intruders, those
    /// outside the span) at `epsilon` from the stored max |cos|; the rest stays as analysed.
    static func read(_ matrices: inout [MatrixComparison], summary: inout RunSummary, atEpsilon epsilon: Double) {
        for index in matrices.indices {
            let indices = matrices[index].intruderIndices(atEpsilon: epsilon)
            matrices[index].intruderIndices = indices
            matrices[index].intruders = indices.count
        }
        summary.intruders = matrices.reduce(0) { $0 + $1.intruders }
        if summary.intrudersOutsideSpan != nil {
            summary.intrudersOutsideSpan = matrices.reduce(0) { $0 + $1.intrudersOutsideSpan(epsilon: epsilon) }
        }
    }
}
