import Foundation

/// Writes a site's files one by one below a fresh staging folder, as they are rendered, so that
/// memory holds one page at a time whatever the number of pages: creates sub-folders, refuses
/// unsafe or repeated paths, and lists what it wrote (for the site's marker).
final class StagingWriter {
    /// The staging folder.
    let root: URL
    /// For tests: fail like a full disk after this many files.
    let failAfter: Int?
    /// The relative paths written so far.
    private(set) var written: Set<String> = []
    private var checkedFolders: Set<String> = []

    init(root: String, failAfter: Int? = nil) {
        self.root = URL(fileURLWithPath: root, isDirectory: true)
        self.failAfter = failAfter
    }

    /// Writes `text` as UTF-8 at `path`.
    func write(_ path: String, text: String) throws {
        var text = text
        try write(path) { target in try text.withUTF8 { try Self.writeFile(target, $0) } }
    }

    /// Writes `data` at `path`.
    func write(_ path: String, data: Data) throws {
        try write(path) { target in
            try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                try Self.writeFile(target, raw.bindMemory(to: UInt8.self))
            }
        }
    }

    /// Checks `path`, creates its folders, and calls `body` with the file's absolute path.
    private func write(_ path: String, _ body: (String) throws -> Void) throws {
        guard OutputWriter.isSafeRelativePath(path) else { throw ReportError.unsafeOutputPath(path) }
        guard !written.contains(path) else { throw ReportError.duplicateOutputPath(path) }
        try createFolders(of: path)
        let target = root.appendingPathComponent(path).path
        if let failAfter, written.count >= failAfter {
            throw ReportError.outputUnwritable(path: target, reason: "No space left on device (simulated)")
        }
        try body(target)
        written.insert(path)
    }

    /// Creates the folders of `path` below the root, refusing a file or link in their place.
    private func createFolders(of path: String) throws {
        let fileManager = FileManager.default
        var folder = root
        var relative = ""
        for component in path.split(separator: "/").map(String.init).dropLast() {
            folder = folder.appendingPathComponent(component, isDirectory: true)
            relative += component + "/"
            if checkedFolders.contains(relative) { continue }
            if let type = try? fileManager.attributesOfItem(atPath: folder.path)[.type] as? FileAttributeType {
                guard type == .typeDirectory else {
                    throw ReportError.outputUnwritable(
                        path: folder.path,
                        reason: "exists and is not a plain folder (a file or symbolic link); move it away")
                }
            } else {
                do {
                    try fileManager.createDirectory(at: folder, withIntermediateDirectories: false)
                } catch {
                    throw ReportError.outputUnwritable(path: folder.path, reason: error.localizedDescription)
                }
            }
            checkedFolders.insert(relative)
        }
    }

    /// Creates (or truncates) the file at `path` and writes `bytes` to it, without a flush: the
    /// staging folder as a whole is flushed before it is swapped in.
    private static func writeFile(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReportError.outputUnwritable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ReportError.outputUnwritable(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }
}
