import Foundation

/// Writes collected output files below a folder: each file atomically, creating sub-folders,
/// touching nothing else. Paths are checked to stay inside the folder.
enum OutputWriter {
    /// Whether `path` is relative, made of `/`-separated components of `[a-z0-9._-]` that are
    /// neither empty, `.` nor `..`, and start with no dot.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, path.count < 400 else { return false }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty, component != ".", component != "..", !component.hasPrefix(".") else {
                return false
            }
            for scalar in component.unicodeScalars {
                switch scalar {
                case "a"..."z", "0"..."9", ".", "_", "-": continue
                default: return false
                }
            }
        }
        return true
    }

    /// Writes each file's bytes to its path below `directory`, each atomically (a temporary file
    /// renamed) unless `atomically` is false (for a staging folder nobody reads yet).
    /// - Parameter failAfter: for tests: fail like a full disk after this many files.
    static func write(_ files: [String: Data], into directory: String, atomically: Bool = true, failAfter: Int? = nil) throws {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw ReportError.outputUnwritable(path: directory, reason: error.localizedDescription)
        }
        var checkedFolders: Set<String> = []
        var count = 0
        for path in files.keys.sorted() {
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
            let target = root.appendingPathComponent(path)
            if let failAfter, count >= failAfter {
                throw ReportError.outputUnwritable(path: target.path, reason: "No space left on device (simulated)")
            }
            count += 1
            do {
                try files[path]!.write(to: target, options: atomically ? .atomic : [])
            } catch {
                throw ReportError.outputUnwritable(path: target.path, reason: error.localizedDescription)
            }
        }
    }
}
