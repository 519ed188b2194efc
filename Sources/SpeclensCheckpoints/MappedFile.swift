import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A read-only, private memory mapping of a whole file. Pages are read on demand and can be
/// handed back to the kernel after use (`release(_:)`), so that reading a model matrix by
/// matrix keeps resident memory at about one matrix, whatever the model's size.
final class MappedFile: @unchecked Sendable {
    // Immutable after init: the mapping is PROT_READ and never written.
    private let base: UnsafeMutableRawPointer?
    /// File size in bytes.
    let count: Int

    /// Maps `path`; `nil` with the system's reason when it cannot be opened or mapped.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CheckpointError.fileUnreadable(file: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CheckpointError.fileUnreadable(file: path, reason: String(cString: strerror(errno)))
        }
        count = Int(status.st_size)
        guard count > 0 else {
            base = nil
            return
        }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw CheckpointError.fileUnreadable(
                file: path, reason: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        base = address
    }

    /// Maps the file at `path` after checking that it exists and is not a folder.
    /// - Throws: ``CheckpointError/fileUnreadable(file:reason:)`` saying which.
    convenience init(existingFile path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckpointError.fileUnreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw CheckpointError.fileUnreadable(file: path, reason: "a folder, not a file")
        }
        try self.init(path: path)
    }

    deinit {
        if let base { munmap(base, count) }
    }

    /// Calls `body` with the whole file's bytes (valid only during the call).
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Drops the resident pages lying wholly inside `range` (byte offsets); they are read from
    /// the file again if touched later. Safe because the mapping is private and never written.
    func release(_ range: Range<Int>) {
        guard let base, range.lowerBound >= 0, range.upperBound <= count else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: base)
        let lower = (start + range.lowerBound + page - 1) / page * page
        let upper = (start + range.upperBound) / page * page
        guard upper > lower, let pointer = UnsafeMutableRawPointer(bitPattern: lower) else { return }
        _ = madvise(pointer, upper - lower, Int32(MADV_DONTNEED))
    }
}
