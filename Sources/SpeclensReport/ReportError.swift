/// Everything that can go wrong while rendering a report.
public enum ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The `--templates` folder does not exist, is not a folder or cannot be listed (path, reason).
    case templatesDirectoryUnreadable(path: String, reason: String)
    /// A template file could not be read as UTF-8 text (file path).
    case templateUnreadable(path: String)
    /// A template has a Mustache syntax error (template file name, parser message with position).
    case templateSyntax(file: String, message: String)
    /// A template the report needs is missing (file name), e.g. removed from the embedded set.
    case templateMissing(file: String)
    /// A template rendered to nothing (file name): usually a partial naming a missing template.
    case templateRenderFailed(file: String)
    /// The output folder could not be created or written (path, underlying reason).
    case outputUnwritable(path: String, reason: String)
    /// The output folder holds files speclens did not write and is no speclens site (path, up
    /// to five of its entries, how many it holds): nothing was written.
    case outputFolderNotASite(path: String, entries: [String], count: Int)
    /// A computed output path was not a safe relative path inside the output folder (path).
    /// This is a bug in speclens; nothing was written.
    case unsafeOutputPath(String)
    /// Two output files got the same path (path). This is a bug in speclens.
    case duplicateOutputPath(String)
    /// A `--base-url` value was refused (the value, why).
    case invalidBaseURL(String, reason: String)
    /// The single-file report could not be written (path, underlying reason).
    case singleFileUnwritable(path: String, reason: String)
    /// A reading ε was refused (the value as given, why).
    case invalidEpsilon(String, reason: String)
    /// A range of ε for the x-axis was refused (the text, why).
    case invalidEpsilonRange(String, reason: String)
    /// A run chosen for the report is not in the dataset (the id, the dataset's run ids).
    case unknownRun(String, known: [String])
    /// A run was chosen twice for the report (the id).
    case repeatedRun(String)

    public var description: String {
        switch self {
        case .templatesDirectoryUnreadable(let path, let reason):
            return "cannot use templates folder \(path): \(reason). Pass an existing folder "
                + "holding overrides such as overview.md, matrix.md, layout.html or style.css."
        case .templateUnreadable(let path):
            return "cannot read template \(path) as UTF-8 text. Fix or remove the file."
        case .templateSyntax(let file, let message):
            return "template \(file) has a Mustache syntax error: \(message). Fix the template, "
                + "or remove it from the templates folder to use the built-in one."
        case .templateMissing(let file):
            return "the report needs template \(file), which is neither built in nor in the "
                + "templates folder. Add it to the templates folder."
        case .templateRenderFailed(let file):
            return "template \(file) could not be rendered (a partial it includes is missing?). "
                + "Check its {{> partial}} tags."
        case .outputUnwritable(let path, let reason):
            return "cannot write report output \(path): \(reason). Choose a writable output folder."
        case .outputFolderNotASite(let path, let entries, let count):
            let listed =
                entries.joined(separator: ", ") + (count > entries.count ? " and \(count - entries.count) more" : "")
            return "\(path) is not empty and not a speclens site (it holds \(listed), and no .speclens-site list of "
                + "files speclens wrote); nothing was written. Choose a new or empty folder."
        case .unsafeOutputPath(let path):
            return "internal error: refusing to write outside the output folder (\(path)). "
                + "Please report this bug."
        case .duplicateOutputPath(let path):
            return "internal error: two report files map to \(path). Please report this bug."
        case .invalidBaseURL(let value, let reason):
            return
                "invalid --base-url \(value): \(reason). Example: https://example.org/reports/minilm/ or /reports/minilm/."
        case .singleFileUnwritable(let path, let reason):
            return "cannot write single-file report \(path): \(reason). Choose a writable file path."
        case .invalidEpsilon(let value, let reason):
            return "invalid ε \(value): \(reason). Example: 0.5, or a list 0.5,0.7,0.9 (the first is the ε in force)."
        case .invalidEpsilonRange(let value, let reason):
            return "invalid ε range \(value): \(reason)."
        case .unknownRun(let id, let known):
            return "the dataset has no run \(id). Its runs are: \(known.joined(separator: ", "))."
        case .repeatedRun(let id):
            return "run \(id) is chosen twice. Give each run once, in the order wanted."
        }
    }
}
