/// How many OpenBLAS threads decompose one matrix: a function of its shape alone, so that a
/// matrix's results are the same bits whatever else runs, however many workers there are, and on
/// whichever shard or resume it is analysed (OpenBLAS's results can depend on its thread count).
///
/// The rule: `threads = clamp(⌊min(rows, columns) / 2048⌋, 1, 8)`. Matrices up to BERT-large and
/// RoBERTa sizes (smaller side below 4096) decompose single-threaded, several at a time; a
/// LLaMA-7B projection (4096 × 4096, 11008 × 4096) uses 2 threads, a 70B one (8192) 4. The count
/// does not depend on the machine: on fewer cores than a matrix's count, its threads share them.
enum BLASThreadRule {
    /// The smaller side that earns one more thread.
    static let sidePerThread = 2048
    /// The most threads one matrix uses.
    static let maximum = 8

    /// The OpenBLAS threads for a `rows × columns` matrix.
    static func threads(rows: Int, columns: Int) -> Int {
        min(maximum, max(1, min(rows, columns) / sidePerThread))
    }
}
