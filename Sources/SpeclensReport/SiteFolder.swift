import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a site is written to, replaced as a whole: the new site is written into a staging
/// folder beside it, the files speclens did not write are carried over (hard-linked, so the old
/// folder stays intact), and the staging folder is swapped in with one rename. An interrupted
/// render therefore leaves the previous site as it was, and no page of an earlier render
/// survives: afterwards the folder holds what a render into an empty folder holds plus the
/// files speclens did not write.
///
/// A marker file (``markerName``) lists the files speclens wrote. A folder that exists and is
/// neither empty, nor holding only a `README.md`, nor marked is somebody else's: it is refused
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

    /// The folder, absolute, with a symbolic link as the last component resolved (the link's
    /// target is replaced, not the link).
    let path: String

    /// For tests: the write after which staging fails as a full disk would.
    var failAfterWrites: Int?

    /// - Parameter path: the output folder as given (relative paths are resolved against the
    ///   current folder).
    init(_ path: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Reads what the folder holds now.
    func contents() throws -> Contents {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        guard isDirectory.boolValue else {
            throw ReportError.outputUnwritable(path: path, reason: "exists and is not a folder")
        }
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw ReportError.outputUnwritable(path: path, reason: error.localizedDescription)
        }
        if entries.isEmpty || entries == ["README.md"] { return .empty }
        if entries.contains(Self.markerName) {
            let marker = (try? String(contentsOfFile: path + "/" + Self.markerName, encoding: .utf8)) ?? ""
            let written = marker.split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix("#") && OutputWriter.isSafeRelativePath($0) }
            return .site(written: Set(written))
        }
        return .foreign(entries: Array(entries.prefix(5)), count: entries.count)
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
        let contents = try self.contents()
        var written: Set<String> = []
        switch contents {
        case .foreign(let entries, let count) where !allowForeign:
            throw ReportError.outputFolderNotASite(path: path, entries: entries, count: count)
        case .site(let listed):
            written = listed
        default:
            break
        }
        let kept = keeping.intersection(written).subtracting(texts.keys).subtracting(data.keys)
        let target = URL(fileURLWithPath: path)
        let parent = target.deletingLastPathComponent().path
        let name = target.lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw ReportError.outputUnwritable(path: parent, reason: error.localizedDescription)
        }
        Self.removeAbandonedStaging(in: parent, for: name)
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent + "/." + name + ".speclens-new-" + tag
        do {
            var marker = Self.markerHeader + "\n"
            for file in Set(texts.keys).union(data.keys).union(kept).sorted() { marker += file + "\n" }
            try OutputWriter.write(texts, data: data, into: staging, failAfter: failAfterWrites)
            do {
                try Data(marker.utf8).write(to: URL(fileURLWithPath: staging + "/" + Self.markerName))
            } catch {
                throw ReportError.outputUnwritable(path: staging + "/" + Self.markerName, reason: error.localizedDescription)
            }
            if contents != .missing {
                try carryOver(from: path, into: staging, skipping: written.subtracting(kept).union([Self.markerName]))
                if let permissions = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] {
                    try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: staging)
                }
            }
            try swap(staging, parent: parent, name: name, tag: tag, replacing: contents != .missing)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Links (else copies) into `staging` every file below `old` whose relative path is not in
    /// `skipping` and that `staging` does not already hold (a site file of the same name replaces
    /// the user's); symbolic links are recreated, never followed.
    private func carryOver(from old: String, into staging: String, skipping: Set<String>, below relative: String = "") throws {
        let fileManager = FileManager.default
        let folder = relative.isEmpty ? old : old + "/" + relative
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw ReportError.outputUnwritable(path: folder, reason: error.localizedDescription)
        }
        for entry in entries {
            let item = relative.isEmpty ? entry : relative + "/" + entry
            if skipping.contains(item) { continue }
            let source = old + "/" + item, destination = staging + "/" + item
            let type = (try? fileManager.attributesOfItem(atPath: source))?[.type] as? FileAttributeType
            var stagedIsFolder: ObjCBool = false
            let staged = fileManager.fileExists(atPath: destination, isDirectory: &stagedIsFolder)
                || (try? fileManager.destinationOfSymbolicLink(atPath: destination)) != nil
            do {
                switch type {
                case .typeDirectory?:
                    if staged && !stagedIsFolder.boolValue { continue }
                    if !staged { try fileManager.createDirectory(atPath: destination, withIntermediateDirectories: true) }
                    try carryOver(from: old, into: staging, skipping: skipping, below: item)
                    // A folder that held only files of the old site is not carried over.
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
            } catch let error as ReportError {
                throw error
            } catch {
                throw ReportError.outputUnwritable(
                    path: source, reason: "cannot carry it over into the new site: \(error.localizedDescription)")
            }
        }
    }

    /// Puts `staging` in place of `parent/name`: one atomic exchange where the file system
    /// offers it (the old folder then sits at the staging path and is deleted), else two renames.
    private func swap(_ staging: String, parent: String, name: String, tag: String, replacing: Bool) throws {
        if !replacing {
            guard rename(staging, path) == 0 else {
                throw ReportError.outputUnwritable(path: path, reason: String(cString: strerror(errno)))
            }
            return
        }
        if Self.exchange(staging, path) {
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        let old = parent + "/." + name + ".speclens-old-" + tag
        guard rename(path, old) == 0 else {
            throw ReportError.outputUnwritable(path: path, reason: String(cString: strerror(errno)))
        }
        guard rename(staging, path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, path)
            throw ReportError.outputUnwritable(path: path, reason: reason)
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Swaps two paths atomically with `renameat2(RENAME_EXCHANGE)`; false where the C library
    /// or the file system does not offer it.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atCurrentFolder: Int32 = -100, exchangeFlag: UInt32 = 2
        return renameat2(atCurrentFolder, a, atCurrentFolder, b, exchangeFlag) == 0
    }

    /// Removes staging and old folders of `name` in `parent` left by a render that was killed
    /// (their process is gone); those of renders still running are left alone.
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
