/// A Slurm client command or job that did not do what a test needed (what happened).
struct SlurmFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
