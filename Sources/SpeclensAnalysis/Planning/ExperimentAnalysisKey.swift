import Foundation
import SpeclensCheckpoints

/// A fingerprint of everything an analysis of an experiment manifest depends on, to tell whether
/// a dataset analysed earlier from it can be used again (`speclens site` over manifests): the
/// manifest's bytes, the analysis settings (as text lines), and the input files the manifest
/// names, each by path, size and modification time (not by content: reading every checkpoint
/// would cost as much as a good part of the analysis).
///
/// For a path naming a file: its path, size and modification time (symbolic links followed). For a
/// folder (or a link to one): every regular file below it (recursively, in name order; links to
/// files followed, links to folders inside it not descended into) by its path relative to the
/// folder, size and modification time. A missing path is recorded as missing. A fine-tune
/// rewritten in place with the same size within the same modification time (nanoseconds where
/// the file system keeps them) goes unnoticed.
public enum ExperimentAnalysisKey {
    /// The SHA-256 (lower-case hexadecimal) of the fingerprint of `manifest` (its bytes),
    /// `settings` (e.g. the analysis parameters as JSON) and the files at `inputs`, in order.
    public static func key(manifest: Data, settings: [String], inputs: [String]) -> String {
        var hash = SHA256Hasher()
        hash.update("manifest \(manifest.count)\n")
        hash.update(contentsOf: manifest)
        hash.update("\n")
        for setting in settings { hash.update("setting " + setting + "\n") }
        for input in inputs {
            for line in listing(input) { hash.update(line + "\n") }
        }
        return hash.finalize().hex
    }

    /// The lines of one input: `input PATH`, then `file SIZE MTIME RELATIVE` per file, or
    /// `missing`.
    static func listing(_ path: String) -> [String] {
        var lines = ["input " + path]
        guard let top = status(path) else { return lines + ["missing"] }
        guard top.isFolder else { return lines + [top.line("")] }
        let folder = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let entries = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        for relative in entries {
            if let entry = status(folder + "/" + relative), entry.isRegular { lines.append(entry.line(relative)) }
        }
        return lines
    }

    /// Size, modification time and type of the file at `path` (links followed); nil when absent.
    private static func status(_ path: String) -> (isFolder: Bool, isRegular: Bool, line: (String) -> String)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        let size = Int64(info.st_size)
        #if canImport(Darwin)
            let modified = info.st_mtimespec
        #else
            let modified = info.st_mtim
        #endif
        let seconds = Int64(modified.tv_sec)
        let nanoseconds = Int64(modified.tv_nsec)
        return (type == S_IFDIR, type == S_IFREG, { "file \(size) \(seconds).\(nanoseconds) \($0)" })
    }
}
