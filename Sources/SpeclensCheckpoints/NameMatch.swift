/// A tuned-side name's base counterpart and how it was found (see ``MatrixPair/matchedBy``).
struct NameMatch: Equatable {
    /// The base tensor name.
    let baseName: String
    /// `exact`, `removed prefix "p."` or `added prefix "p."` (the change from tuned to base name).
    let how: String
}
