import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes that survive a power cut once they return: a file is written beside its target,
/// flushed with `fsync`, renamed over the target and the folder flushed, so the target holds
/// either its old bytes or all the new ones, never a partial file.
public enum DurableWrite {
    /// Replaces the file at `path` with `data`.
    /// - Throws: ``OutputError/unwritable(path:reason:)`` (a full disk, a read-only folder); the
    ///   earlier file at `path` is then unchanged and no temporary file is left.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary =
            folder + "/." + url.lastPathComponent + ".speclens-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try data.withUnsafeBytes { try writeFile(temporary, $0) }
            guard rename(temporary, path) == 0 else { throw failure(path) }
        } catch {
            unlink(temporary)
            throw error
        }
        syncFolder(folder)
    }

    /// Creates (or truncates) `path`, writes `bytes` and flushes them to the disk.
    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw failure(path) }
    }

    /// Flushes everything written to the file system holding `folder` (one `syncfs` instead of
    /// one `fsync` per file of a site with thousands of files).
    /// - Throws: ``OutputError/unwritable(path:reason:)`` when the flush reports an error
    ///   (a full disk seen only at write-back).
    public static func syncFileSystem(of folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(folder) }
        defer { close(descriptor) }
        guard syncFileSystem(descriptor) == 0 else { throw failure(folder) }
    }

    /// `syncfs(2)` (a GNU extension Glibc's module map does not export), else `sync(2)`.
    private static func syncFileSystem(_ descriptor: Int32) -> Int32 {
        typealias SyncFS = @convention(c) (Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else {
            sync()
            return 0
        }
        return unsafeBitCast(symbol, to: SyncFS.self)(descriptor)
    }

    /// Flushes a folder's entries (a rename into it) to the disk; best effort.
    public static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The error for `path` from the current `errno`.
    static func failure(_ path: String) -> OutputError {
        .unwritable(path: path, reason: String(cString: strerror(errno)))
    }
}
