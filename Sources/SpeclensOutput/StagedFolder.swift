import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An output folder replaced as a whole: the new contents are written into a staging folder
/// beside it, the files speclens did not write are carried over (hard-linked, so the old folder
/// stays intact), everything is flushed to the disk, and the staging folder is swapped in with
/// one rename. An interrupted write therefore leaves the previous folder as it was, and no file
/// of an earlier write survives: afterwards the folder holds what a write into an empty folder
/// holds plus the files speclens did not write.
///
/// A marker file lists the files speclens wrote. A folder that exists and is neither empty, nor
/// holding only a `README.md`, nor marked is somebody else's: it is refused unless the caller
/// allows writing into it.
public struct StagedFolder: Sendable {
    /// What a folder holds before a write.
    public enum Contents: Equatable, Sendable {
        /// Nothing at the path.
        case missing
        /// An empty folder, or one holding only a `README.md`.
        case empty
        /// A folder speclens wrote; the relative paths its marker lists.
        case ours(written: Set<String>)
        /// Anything else: some of its entries (sorted) and how many there are.
        case foreign(entries: [String], count: Int)
    }

    /// The folder, absolute, with a symbolic link as the last component resolved (the link's
    /// target is replaced, not the link).
    public let path: String
    /// The marker's file name (it starts with a dot), e.g. `.speclens-site`.
    public let marker: String
    /// The marker's first line, a `#` comment saying what it is.
    public let markerHeader: String

    /// - Parameters:
    ///   - path: the output folder as given (relative paths are resolved against the current folder).
    ///   - marker: the marker's file name.
    ///   - markerHeader: its first line, starting with `#`.
    public init(_ path: String, marker: String, markerHeader: String) {
        self.path = InputOverlap.resolved(path)
        self.marker = marker
        self.markerHeader = markerHeader
    }

    /// Reads what the folder holds now.
    /// - Throws: ``OutputError/unwritable(path:reason:)`` for a file at the path or an
    ///   unreadable folder.
    public func contents() throws -> Contents {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        guard isDirectory.boolValue else {
            throw OutputError.unwritable(path: path, reason: "exists and is not a folder")
        }
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw OutputError.unwritable(path: path, reason: error.localizedDescription)
        }
        if entries.isEmpty || entries == ["README.md"] { return .empty }
        if entries.contains(marker) {
            let text = (try? String(contentsOfFile: path + "/" + marker, encoding: .utf8)) ?? ""
            let written = text.split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix("#") && SafeRelativePath.isSafe($0) }
            return .ours(written: Set(written))
        }
        return .foreign(entries: Array(entries.prefix(5)), count: entries.count)
    }

    /// Replaces the folder's contents with what `fill` writes and the marker, carrying over
    /// every file speclens did not write.
    /// - Parameters:
    ///   - keeping: files of the earlier write (listed in its marker) to carry over as they are
    ///     (hard-linked, so their bytes and modification times stay) and list again as written
    ///     by speclens: the parts that did not need writing again.
    ///   - allowForeign: write into a folder speclens did not write (its files are kept, except
    ///     those a new file replaces).
    ///   - fill: writes below the staging folder it is given, and returns the relative paths it
    ///     wrote (listed in the marker).
    /// - Throws: ``OutputError/foreignFolder(path:entries:count:marker:)`` for a foreign folder
    ///   without `allowForeign`; ``OutputError/unwritable(path:reason:)`` when a step fails; or
    ///   what `fill` throws. The folder is then as it was, with nothing left beside it.
    public func replace(
        keeping: Set<String> = [], allowForeign: Bool, fill: (String) throws -> Set<String>
    ) throws {
        let contents = try self.contents()
        var written: Set<String> = []
        switch contents {
        case .foreign(let entries, let count) where !allowForeign:
            throw OutputError.foreignFolder(path: path, entries: entries, count: count, marker: marker)
        case .ours(let listed):
            written = listed
        default:
            break
        }
        let target = URL(fileURLWithPath: path)
        let parent = target.deletingLastPathComponent().path
        let name = target.lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.unwritable(path: parent, reason: error.localizedDescription)
        }
        Self.removeAbandonedStaging(in: parent, for: name)
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent + "/." + name + ".speclens-new-" + tag
        do {
            do {
                try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            } catch {
                throw OutputError.unwritable(path: staging, reason: error.localizedDescription)
            }
            let files = try fill(staging)
            let kept = keeping.intersection(written).subtracting(files)
            var list = markerHeader + "\n"
            for file in files.union(kept).sorted() { list += file + "\n" }
            try Data(list.utf8).withUnsafeBytes { try DurableWrite.writeFile(staging + "/" + marker, $0) }
            if contents != .missing {
                try carryOver(from: path, into: staging, skipping: written.subtracting(kept).union([marker]))
                if let permissions = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] {
                    try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: staging)
                }
            }
            try DurableWrite.syncFileSystem(of: staging)
            try swap(staging, parent: parent, name: name, tag: tag, replacing: contents != .missing)
            DurableWrite.syncFolder(parent)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Links (else copies) into `staging` every file below `old` whose relative path is not in
    /// `skipping` and that `staging` does not already hold (a new file of the same name replaces
    /// the user's); symbolic links are recreated, never followed.
    private func carryOver(from old: String, into staging: String, skipping: Set<String>, below relative: String = "")
        throws
    {
        let fileManager = FileManager.default
        let folder = relative.isEmpty ? old : old + "/" + relative
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw OutputError.unwritable(path: folder, reason: error.localizedDescription)
        }
        for entry in entries {
            let item = relative.isEmpty ? entry : relative + "/" + entry
            if skipping.contains(item) { continue }
            let source = old + "/" + item
            let destination = staging + "/" + item
            let type = (try? fileManager.attributesOfItem(atPath: source))?[.type] as? FileAttributeType
            var stagedIsFolder: ObjCBool = false
            let staged =
                fileManager.fileExists(atPath: destination, isDirectory: &stagedIsFolder)
                || (try? fileManager.destinationOfSymbolicLink(atPath: destination)) != nil
            do {
                switch type {
                case .typeDirectory?:
                    if staged && !stagedIsFolder.boolValue { continue }
                    if !staged {
                        try fileManager.createDirectory(atPath: destination, withIntermediateDirectories: true)
                    }
                    try carryOver(from: old, into: staging, skipping: skipping, below: item)
                    // A folder that held only files of the old write is not carried over.
                    if !staged, (try? fileManager.contentsOfDirectory(atPath: destination))?.isEmpty == true,
                        (try? fileManager.contentsOfDirectory(atPath: source))?.isEmpty == false
                    {
                        try fileManager.removeItem(atPath: destination)
                    }
                case .typeSymbolicLink?:
                    if staged { continue }
                    try fileManager.createSymbolicLink(
                        atPath: destination, withDestinationPath: fileManager.destinationOfSymbolicLink(atPath: source))
                default:
                    if staged { continue }
                    if link(source, destination) != 0 { try fileManager.copyItem(atPath: source, toPath: destination) }
                }
            } catch let error as OutputError {
                throw error
            } catch {
                throw OutputError.unwritable(
                    path: source, reason: "cannot carry it over into the new folder: \(error.localizedDescription)")
            }
        }
    }

    /// Puts `staging` in place of `parent/name`: one atomic exchange where the file system
    /// offers it (the old folder then sits at the staging path and is deleted), else two renames.
    private func swap(_ staging: String, parent: String, name: String, tag: String, replacing: Bool) throws {
        if !replacing {
            guard rename(staging, path) == 0 else { throw DurableWrite.failure(path) }
            return
        }
        if Self.exchange(staging, path) {
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        let old = parent + "/." + name + ".speclens-old-" + tag
        guard rename(path, old) == 0 else { throw DurableWrite.failure(path) }
        guard rename(staging, path) == 0 else {
            let failure = DurableWrite.failure(path)
            _ = rename(old, path)
            throw failure
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Swaps two paths atomically with `renameat2(RENAME_EXCHANGE)`; false where the C library
    /// or the file system does not offer it.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atCurrentFolder: Int32 = -100
        let exchangeFlag: UInt32 = 2
        return renameat2(atCurrentFolder, a, atCurrentFolder, b, exchangeFlag) == 0
    }

    /// Removes staging and old folders of `name` in `parent` left by a write that was killed
    /// (their process is gone); those of writes still running are left alone.
    private static func removeAbandonedStaging(in parent: String, for name: String) {
        let fileManager = FileManager.default
        guard let entries = try? fileManager.contentsOfDirectory(atPath: parent) else { return }
        for prefix in ["." + name + ".speclens-new-", "." + name + ".speclens-old-"] {
            for entry in entries where entry.hasPrefix(prefix) {
                let tag = entry.dropFirst(prefix.count)
                guard let pid = tag.split(separator: "-").first.flatMap({ pid_t($0) }) else { continue }
                if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                    try? fileManager.removeItem(atPath: parent + "/" + entry)
                }
            }
        }
    }
}
