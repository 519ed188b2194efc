/// What planning does with a LoRA adapter fewer than half of whose modules target a weight the
/// base has (an adapter for another model, or one whose names the pairing rules cannot map).
/// It does not change any number, so it is not an analysis parameter.
public enum PartialMatchPolicy: Sendable, Equatable {
    /// Refuse the analysis with ``AnalysisError/adapterDoesNotFitBase(base:coverage:)`` (the default).
    case refuse
    /// Analyse the modules that match and record ``RunFinding/partialMatch(_:)`` as a warning.
    case warn
}
