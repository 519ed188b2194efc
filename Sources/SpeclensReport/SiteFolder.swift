import Foundation
import SpeclensOutput

/// The folder a site is written to, replaced as a whole as ``StagedFolder`` does it: an
/// interrupted render leaves the previous site as it was, no page of an earlier render survives,
/// and the files speclens did not write are kept. The marker (``markerName``) lists the files
/// speclens wrote; a folder that is neither empty nor marked is somebody else's and is refused
/// unless the caller allows writing into it.
struct SiteFolder {
    /// The marker file listing, one per line, the relative paths speclens wrote.
    static let markerName = ".speclens-site"

    /// The first line of the marker.
    static let markerHeader = "# speclens site: files written by speclens (any other file is kept on the next render)"

    /// What a folder holds before a render.
    enum Contents: Equatable {
        /// Nothing at the path.
        case missing
        /// An empty folder, or one holding only a `README.md`.
        case empty
        /// A speclens site; the relative paths its marker lists.
        case site(written: Set<String>)
        /// Anything else: some of its entries (sorted) and how many there are.
        case foreign(entries: [String], count: Int)
    }

    /// The staged folder doing the work.
    private let folder: StagedFolder

    /// The folder, absolute, with a symbolic link as the last component resolved (the link's
    /// target is replaced, not the link).
    var path: String { folder.path }

    /// For tests: the write after which staging fails as a full disk would.
    var failAfterWrites: Int?

    /// - Parameter path: the output folder as given (relative paths are resolved against the
    ///   current folder).
    init(_ path: String) {
        folder = StagedFolder(path, marker: Self.markerName, markerHeader: Self.markerHeader)
    }

    /// Reads what the folder holds now.
    func contents() throws -> Contents {
        switch try Self.reporting({ try folder.contents() }) {
        case .missing: return .missing
        case .empty: return .empty
        case .ours(let written): return .site(written: written)
        case .foreign(let entries, let count): return .foreign(entries: entries, count: count)
        }
    }

    /// Replaces the folder's contents with `texts` and `data` (relative path → text or bytes)
    /// and the marker, carrying over every file speclens did not write.
    /// - Parameters:
    ///   - keeping: files of the earlier site (listed in its marker) to carry over as they are
    ///     (hard-linked, so their bytes and modification times stay) and list again as written
    ///     by speclens: the parts of a site that did not need rendering again.
    ///   - allowForeign: write into a folder that is not a site (its files are kept, except
    ///     those a site file replaces).
    /// - Throws: ``ReportError/outputFolderNotASite(path:entries:count:)`` for a foreign folder
    ///   without `allowForeign`; ``ReportError/outputUnwritable(path:reason:)`` when a step
    ///   fails (the folder is then as it was).
    func replace(
        with texts: [String: String], data: [String: Data] = [:], keeping: Set<String> = [], allowForeign: Bool
    ) throws {
        try replace(keeping: keeping, allowForeign: allowForeign) { writer in
            for path in Set(texts.keys).union(data.keys).sorted() {
                if let text = texts[path] {
                    try writer.write(path, text: text)
                } else if let bytes = data[path] {
                    try writer.write(path, data: bytes)
                }
            }
        }
    }

    /// Replaces the folder's contents with what `fill` writes through a ``StagingWriter`` (as
    /// the files are rendered) and the marker, carrying over every file speclens did not write.
    /// - Throws: as ``replace(with:data:keeping:allowForeign:)``, and what `fill` throws.
    func replace(keeping: Set<String> = [], allowForeign: Bool, fill: (StagingWriter) throws -> Void) throws {
        try Self.reporting {
            try folder.replace(keeping: keeping, allowForeign: allowForeign) { staging in
                let writer = StagingWriter(root: staging, failAfter: failAfterWrites)
                try fill(writer)
                return writer.written
            }
        }
    }

    /// Runs `body`, turning the staged folder's errors into the report's.
    private static func reporting<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch OutputError.foreignFolder(let path, let entries, let count, _) {
            throw ReportError.outputFolderNotASite(path: path, entries: entries, count: count)
        } catch OutputError.unwritable(let path, let reason) {
            throw ReportError.outputUnwritable(path: path, reason: reason)
        }
    }
}
