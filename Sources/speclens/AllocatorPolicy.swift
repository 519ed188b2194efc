import CMalloc

/// How glibc's allocator treats the large arrays of matrix jobs, set once when the process starts.
///
/// By default glibc maps every block above a threshold that it adjusts as the program runs (up to
/// 32 MiB) with its own `mmap`, and gives it back to the system when freed, so the next job's
/// arrays of the same sizes fault in fresh zero-filled pages: on the benchmark's cached LoRA run,
/// about a tenth of the CPU time went to the kernel. With the threshold fixed at 32 MiB and freed
/// memory kept up to 64 MiB per arena, the pages are reused (0.12–0.24 s of system time instead
/// of 0.27–0.31 s there, and about 10 MiB more peak memory). Larger blocks (an LLM's matrices)
/// are mapped and given back as before, so peak memory still does not grow with the model's size.
enum AllocatorPolicy {
    /// Blocks from this size on get their own mapping.
    static let mapThreshold: Int32 = 32 << 20
    /// Free memory at the top of an arena beyond this goes back to the system.
    static let trimThreshold: Int32 = 64 << 20

    /// Sets both thresholds; returns whether glibc accepted both (where it refuses one, it keeps
    /// its default, which is correct, only slower).
    @discardableResult
    static func apply() -> Bool {
        let mapped = mallopt(M_MMAP_THRESHOLD, mapThreshold)
        let trimmed = mallopt(M_TRIM_THRESHOLD, trimThreshold)
        return mapped == 1 && trimmed == 1
    }
}
