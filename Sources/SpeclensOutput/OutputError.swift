/// Everything that can go wrong while putting an output in place.
public enum OutputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A path could not be created, written, synced or renamed (path, the system's reason).
    case unwritable(path: String, reason: String)
    /// The output path is one of the command's inputs, lies inside one, or holds one (the output
    /// as given, the input it overlaps): nothing was written.
    case outputOverlapsInput(output: String, input: String)
    /// The output folder holds files speclens did not write (path, up to five of its entries,
    /// how many it holds, the marker file it lacks): nothing was written.
    case foreignFolder(path: String, entries: [String], count: Int, marker: String)

    public var description: String {
        switch self {
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason). Choose a writable location with free space; "
                + "any earlier output there is unchanged."
        case .outputOverlapsInput(let output, let input):
            return "the output \(output) would write over the input \(input); nothing was written. "
                + "Choose an output path outside every input (--force does not change this)."
        case .foreignFolder(let path, let entries, let count, let marker):
            let listed =
                entries.joined(separator: ", ") + (count > entries.count ? " and \(count - entries.count) more" : "")
            return "\(path) is not empty and was not written by speclens (it holds \(listed), and no \(marker) list "
                + "of files speclens wrote); nothing was written. Choose a new or empty folder, or pass --force to "
                + "write into it (its other files are kept)."
        }
    }
}
