/// How a stored 2-D weight maps to its layer's output space. The analysis compares output-space
/// singular vectors, so it works on every matrix in ANALYSIS orientation `[out, in]`: the stored
/// matrix, transposed when ``transposed``. Shapes in the dataset are always as stored.
///
/// The raw values are the dataset's spelling (`out_in`, `in_out`, `embedding`).
public enum MatrixOrientation: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    /// `nn.Linear`: stored `[out, in]`, analysed as stored.
    case outIn = "out_in"
    /// GPT-2 `Conv1D`: stored `[in, out]`, analysed transposed.
    case inOut = "in_out"
    /// An embedding table stored `[vocab, dim]`: the dim space is the output space, analysed
    /// transposed.
    case embedding

    /// Whether the stored matrix is transposed before analysis.
    public var transposed: Bool { self != .outIn }
}
