import Foundation

/// The rule that no output may destroy an input. An output folder that is one of a command's
/// inputs, lies inside an input folder or holds an input is refused; so is an output file that
/// is an input, or that already exists inside an input folder (a checkpoint's `config.json`,
/// say; a new file beside a checkpoint is harmless). Paths are
/// compared absolute, with `.`/`..` removed and every symbolic link resolved, so two spellings
/// of one file (or a Hugging Face cache snapshot's links into `blobs/`) compare equal.
public enum InputOverlap {
    /// The absolute path with symbolic links resolved (for a path that does not exist yet, its
    /// existing parent's links).
    public static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Throws when replacing the folder `output` as a whole could change any of `inputs`.
    /// - Parameters:
    ///   - output: the folder to be written (or replaced).
    ///   - inputs: the files and folders the command reads, as given.
    /// - Throws: ``OutputError/outputOverlapsInput(output:input:)`` naming the first input hit.
    public static func checkFolder(_ output: String, inputs: [String]) throws {
        let target = resolved(output)
        for input in inputs {
            let source = resolved(input)
            if target == source || isInside(target, source) || isInside(source, target) {
                throw OutputError.outputOverlapsInput(output: output, input: input)
            }
        }
    }

    /// Throws when writing the file `output` could change any of `inputs`.
    /// - Parameters:
    ///   - output: the file to be written (or replaced).
    ///   - inputs: the files and folders the command reads, as given.
    /// - Throws: ``OutputError/outputOverlapsInput(output:input:)`` naming the first input hit.
    public static func checkFile(_ output: String, inputs: [String]) throws {
        let target = resolved(output)
        let exists = FileManager.default.fileExists(atPath: target)
        for input in inputs {
            let source = resolved(input)
            if target == source || (exists && isInside(target, source)) {
                throw OutputError.outputOverlapsInput(output: output, input: input)
            }
        }
    }

    /// Whether resolved `path` lies strictly below resolved `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix)
    }
}
