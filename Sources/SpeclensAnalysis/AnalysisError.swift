import SpeclensCheckpoints
import SpeclensLinearAlgebra

/// Errors of the planning and spectral analysis stage. Checkpoint problems are reported as the
/// checkpoint library's `CheckpointError` and pass through unchanged. Messages say what is wrong
/// and what to change in the analysis settings; front ends add how to change it (their flags).
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A LAPACK routine failed on a matrix: `info < 0` is an invalid argument (a bug in speclens),
    /// `info > 0` means the SVD did not converge even after the fallback routine.
    case lapackFailure(routine: String, info: Int, matrix: String)
    /// A matrix computed from finite inputs came out with `count` NaN or infinite values (an
    /// overflow), so it cannot be decomposed (matrix name).
    case nonFiniteMatrix(matrix: String, count: Int)
    /// A tensor read for the analysis holds finite values beyond ``WeightRange/largestMagnitude``
    /// (tensor, how many, the largest magnitude).
    case valuesOutOfRange(tensor: String, count: Int, largest: Double)
    /// A parameter is outside its valid range (name, value given, what is allowed).
    case invalidParameter(name: String, value: String, allowed: String)
    /// A tensor-name pattern (selection, name rewrite, orientation override) is not valid.
    case invalidPattern(pattern: String, reason: String)
    /// A matrix is too large for 32-bit LAPACK indices (name, shape).
    case matrixTooLarge(matrix: String, shape: [Int])
    /// The selection left no matrix to analyse in any run.
    case nothingToAnalyse(base: String)
    /// Two runs were given the same checkpoint path.
    case duplicateRun(path: String)
    /// Fewer than half of a LoRA adapter's modules target a weight of the base (before the
    /// selection narrows anything): most likely an adapter for another model. Refused unless
    /// partial matches are allowed (``PartialMatchPolicy``).
    case adapterDoesNotFitBase(base: String, coverage: ModuleCoverage)
    /// A fine-tune is the base itself (`run` and `base` as given), so nothing can be compared.
    case runIsBase(run: String, base: String, evidence: SameAsBase)
    /// A full fine-tune does not descend from the base (`run` and `base` as given): its sampled
    /// matrices moved far more than fine-tuning moves them and their top directions left the
    /// base's (``RelatednessCheck``).
    case unrelatedBase(run: String, base: String, evidence: RelatednessEvidence)
    /// An experiment manifest cannot be used: the file, the line (1-based) when known, and why.
    case invalidManifest(file: String, line: Int?, reason: String)
    /// The journal of an interrupted analysis belongs to another analysis (other inputs,
    /// parameters, shard or speclens version): the journal, the first field that differs, its
    /// value in the journal and now.
    case journalMismatch(journal: String, field: String, journalValue: String, currentValue: String)
    /// The journal cannot be read or written (path, why): not a speclens journal, a damaged
    /// first line, no permission, a full disk.
    case journalUnusable(journal: String, reason: String)
    /// The analysis was asked to stop (Ctrl-C) and did, after the running matrix jobs: how many
    /// of the planned matrices are finished (journaled), and the journal holding them.
    case interrupted(finished: Int, total: Int, journal: String?)
    /// The base decomposition cache folder cannot be used (the folder as given, the system's
    /// reason): it cannot be created, is not a folder, or cannot be listed or cleared.
    case cacheUnusable(directory: String, reason: String)

    public var description: String {
        switch self {
        case .lapackFailure(let routine, let info, let matrix):
            return LinearAlgebraError.lapackFailure(routine: routine, info: info, matrix: matrix).description
        case .valuesOutOfRange(let tensor, let count, let largest):
            return
                "tensor \(tensor) holds \(count) value(s) beyond ±1e15 (the largest \(largest)), far outside any trained weight"
        case .nonFiniteMatrix(let matrix, let count):
            return LinearAlgebraError.nonFiniteMatrix(matrix: matrix, count: count).description
        case .invalidParameter(let name, let value, let allowed):
            return "invalid \(name) \(value): \(allowed)"
        case .invalidPattern(let pattern, let reason):
            return "invalid tensor-name pattern \"\(pattern)\": \(reason). Patterns are regular "
                + "expressions (ICU/NSRegularExpression syntax); escape literal dots as \\."
        case .matrixTooLarge(let matrix, let shape):
            return LinearAlgebraError.matrixTooLarge(matrix: matrix, shape: shape).description
        case .nothingToAnalyse(let base):
            return "no weight matrix of \(base) was selected for analysis in any run: the selection "
                + "(include and exclude patterns; embedding tables and heads only when selected) left "
                + "every tensor out, or no fine-tune pairs with the base."
        case .invalidManifest(let file, let line, let reason):
            return "\(file)\(line.map { ", line \($0)" } ?? ""): invalid experiment manifest: \(reason)"
        case .journalMismatch(let journal, let field, let journalValue, let currentValue):
            return "the journal \(journal) was written by another analysis: \(field) is \(journalValue) there but "
                + "\(currentValue) now. It is kept; nothing was analysed."
        case .journalUnusable(let journal, let reason):
            return "cannot use the journal \(journal): \(reason)"
        case .interrupted(let finished, let total, let journal):
            return "interrupted: \(finished) of \(total) matrices are finished"
                + (journal.map { " and kept in \($0); the same command resumes from there" } ?? "")
        case .cacheUnusable(let directory, let reason):
            return "cannot use the cache folder \(directory): \(reason)"
        case .duplicateRun(let path):
            return "the fine-tune \(path) was given twice; give each run once"
        case .adapterDoesNotFitBase(let base, let coverage):
            return "the adapter \(coverage.adapter) does not fit the base \(base): only \(coverage.text). "
                + "At least half of its modules must pair with the base. Is this the adapter's base model? "
                + "If the names only differ, rewrite them to the base's; otherwise allow partial matches "
                + "to analyse the modules that pair"
        case .runIsBase(let run, let base, let evidence):
            return "the fine-tune \(run) equals the base \(base): \(evidence.text); "
                + "comparing a model with itself measures nothing, so no dataset is written"
        case .unrelatedBase(let run, let base, let evidence):
            return "the full fine-tune \(run) does not look like a fine-tune of the base \(base): \(evidence.text). "
                + "Against an unrelated base every top vector reads as an intruder, so no dataset is written"
        }
    }

    /// Compiles a user-given pattern.
    /// - Throws: ``invalidPattern(pattern:reason:)`` when it is not a valid regular expression.
    static func compile(_ pattern: String) throws -> CompiledPattern {
        guard let compiled = CompiledPattern(pattern) else {
            throw AnalysisError.invalidPattern(pattern: pattern, reason: "not a valid regular expression")
        }
        return compiled
    }
}
