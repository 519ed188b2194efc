/// How much a ``RunFinding`` matters to a reader of the numbers.
enum FindingSeverity: String, Sendable, Equatable {
    /// A remark that does not question the numbers; recorded in the run's `notes`.
    case note
    /// Something that changes how the run's numbers must be read; recorded in the run's `warnings`.
    case warning
}
