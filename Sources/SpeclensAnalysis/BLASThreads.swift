import CLapacke

/// OpenBLAS's own thread pool. speclens parallelises over whole matrices instead, so analysis
/// pins OpenBLAS to one thread by default (a second BLAS thread competing with a second matrix
/// job slows both on small machines).
public enum BLASThreads {
    /// Sets the number of threads OpenBLAS uses inside one routine.
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var current: Int { Int(openblas_get_num_threads()) }
}
