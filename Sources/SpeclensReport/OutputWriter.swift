import Foundation
import SpeclensOutput

/// Writes collected output files below a folder: each file atomically, creating sub-folders,
/// touching nothing else. Paths are checked to stay inside the folder.
enum OutputWriter {
    /// Whether `path` is a file name speclens may write below an output folder (see
    /// ``SafeRelativePath/isSafe(_:)``).
    static func isSafeRelativePath(_ path: String) -> Bool {
        SafeRelativePath.isSafe(path)
    }

    /// Writes each file below `directory` (a fresh staging folder nobody reads yet): `texts` as
    /// UTF-8, `data` as given, creating sub-folders. Files are written plainly, without a
    /// temporary file or an `fsync` each (thousands of those cost seconds); the folder as a whole
    /// is what gets swapped in.
    /// - Parameter failAfter: for tests: fail like a full disk after this many files.
    static func write(
        _ texts: [String: String], data: [String: Data] = [:], into directory: String, failAfter: Int? = nil
    ) throws {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw ReportError.outputUnwritable(path: directory, reason: error.localizedDescription)
        }
        var checkedFolders: Set<String> = []
        var count = 0
        for path in Set(texts.keys).union(data.keys).sorted() {
            guard isSafeRelativePath(path) else { throw ReportError.unsafeOutputPath(path) }
            let components = path.split(separator: "/").map(String.init)
            var folder = root
            var relative = ""
            for component in components.dropLast() {
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
            let target = root.appendingPathComponent(path).path
            if let failAfter, count >= failAfter {
                throw ReportError.outputUnwritable(path: target, reason: "No space left on device (simulated)")
            }
            count += 1
            if var text = texts[path] {
                try text.withUTF8 { try writeFile(target, $0) }
            } else if let bytes = data[path] {
                try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in try writeFile(target, raw.bindMemory(to: UInt8.self)) }
            }
        }
    }

    /// Creates (or truncates) the file at `path` and writes `bytes` to it.
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
