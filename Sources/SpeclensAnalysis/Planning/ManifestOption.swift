/// One analysis or selection option an experiment manifest carries under `options`, as written:
/// its snake_case name (the command-line option's name, `top_k` for `--top-k`) and its values as
/// text (a list gives several, `true`/`false` a switch), with the line for messages. The command
/// line turns them into its own options; one given on the command line overrides the manifest's.
public struct ManifestOption: Sendable, Equatable {
    /// The name as written, `[a-z][a-z0-9_]*`.
    public let name: String
    /// The values as text: one for a scalar, one per item for a list.
    public let values: [String]
    /// The 1-based line in the manifest.
    public let line: Int?

}
