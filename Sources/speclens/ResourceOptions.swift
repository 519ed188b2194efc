import ArgumentParser
import Foundation

/// What an analysis may use of the machine: parallel matrix jobs, their memory, the BLAS kernels.
/// None of them changes a number of the dataset.
struct ResourceOptions: ParsableArguments {
    @Option(help: "Matrices decomposed in parallel (default: number of cores).")
    var workers: Int?

    @Option(
        help: ArgumentHelp(
            "Memory the matrix jobs may take together, by an upper estimate from their shapes (e.g. 8G, 512M; default: the machine's physical memory). Jobs wait instead of exceeding it; one that exceeds it alone runs alone, with a warning.",
            valueName: "size"))
    var maxMemory: ByteSize?

    @OptionGroup var kernels: KernelOptions

    /// `--max-memory`, else the machine's physical memory.
    var memoryLimit: Int {
        maxMemory?.bytes ?? Int(clamping: ProcessInfo.processInfo.physicalMemory)
    }
}
