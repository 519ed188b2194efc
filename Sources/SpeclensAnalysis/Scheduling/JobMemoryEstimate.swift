/// An upper estimate of the memory one matrix job holds at its peak, from its shape alone
/// (`m × n` in analysis orientation, `p = min(m, n)`, `L = max(m, n)`, in float32 units of 4 bytes):
///
/// - base side, held throughout: the tensor as read and oriented (`2·m·n`) and its thin SVD
///   (`U₀`, `V₀ᵀ`: `(m + n)·p`);
/// - one run at a time (runs of a job are compared one after the other): `Wt` and `ΔW`
///   (`2·m·n`), Wt's thin SVD (`(m + n)·p`) and the `p × p` cosines of the whole-spectrum figure;
/// - one decomposition at a time, the larger of: LAPACK `sgesdd`'s copy of the input (`m·n`) and
///   workspace (`4·p² + 7·p + L` for `JOBZ = 'S'`, rounded up); the float64 Gram path
///   (docs/method.md §1.6) for a matrix at least twice as long as wide, whose every triplet needs
///   G, its eigenvectors and `dsyevd`'s workspace in float64 and the other side in float64
///   (`8·p² + 2·L·p`); else its top triplets, G in float64 and float32 (`3·p²`); plus `8·p`
///   integers;
/// - per OpenBLAS thread, its 32 MiB GEMM buffer.
///
/// peak ≈ 4·(4·m·n + 2·(m + n)·p + p² + 8·p + max(m·n + 4·p² + 7·p + L, Gram term)) + threads · 32 MiB.
///
/// For a 768 × 768 matrix that is 64 MiB, for 3072 × 768 129 MiB, for 4096 × 4096 (2 threads)
/// 960 MiB, for 11008 × 4096 2.1 GiB. It is meant as an upper bound: the base tensor's pages are
/// released once read and not every array lives at the same time (`Benchmarks/README.md` has
/// measured peaks).
enum JobMemoryEstimate {
    /// Bytes of OpenBLAS's per-thread buffer counted per thread.
    static let bufferPerThread = 32 << 20

    /// The estimate for an `m × n` matrix decomposed with `threads` OpenBLAS threads.
    static func peakBytes(rows m: Int, columns n: Int, threads: Int = 1) -> Int {
        let p = min(m, n)
        let long = max(m, n)
        let lapack = m * n + 4 * p * p + 7 * p + long
        let gram = long >= 2 * p ? 8 * p * p + 2 * long * p : 3 * p * p
        let floats = 4 * m * n + 2 * (m + n) * p + p * p + 8 * p + max(lapack, gram)
        return 4 * floats + max(1, threads) * bufferPerThread
    }

    /// A job's demand: the thread rule's count for its shape and the estimate with it.
    static func demand(rows: Int, columns: Int) -> JobDemand {
        let threads = BLASThreadRule.threads(rows: rows, columns: columns)
        return JobDemand(threads: threads, bytes: peakBytes(rows: rows, columns: columns, threads: threads))
    }
}
