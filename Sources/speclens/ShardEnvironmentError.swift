/// Why `--shard auto` or `--shard auto/N` could not tell which shard this process is: the job
/// scheduler's variables are missing or do not describe one task of a contiguous array.
/// Messages name the variables and the flag, since this is the command line's own error.
enum ShardEnvironmentError: Error, Equatable, CustomStringConvertible {
    /// A variable the form needs is not set (variable, the `--shard` form).
    case missing(variable: String, mode: ShardSpec)
    /// A variable is not an integer (variable, its value, the `--shard` form).
    case notAnInteger(variable: String, value: String, mode: ShardSpec)
    /// The variables give an index outside `0..<count` (the variables as read, index, count, form).
    case outOfRange(variables: String, index: Int, count: Int, mode: ShardSpec)
    /// A Slurm array given as a list of indices rather than a range (the variables as read).
    case notARange(variables: String)

    var description: String {
        switch self {
        case .missing(let variable, let mode):
            return "--shard \(mode.argumentText) needs \(variable) in the environment, which is not set. "
                + Self.source(of: mode)
        case .notAnInteger(let variable, let value, let mode):
            return "--shard \(mode.argumentText): \(variable) is \"\(value)\", not an integer. " + Self.source(of: mode)
        case .outOfRange(let variables, let index, let count, let mode):
            return "--shard \(mode.argumentText): \(variables) give shard \(index), outside 0…\(count - 1) of \(count)."
                + (mode == .slurmArray ? "" : " Set N in auto/N to the job's completions.")
        case .notARange(let variables):
            return "--shard auto: the Slurm job array is not a range of indices (\(variables)). "
                + "Submit it as --array=0-(N-1), or give --shard I/N explicitly."
        }
    }

    /// Where the variables of `mode` come from.
    private static func source(of mode: ShardSpec) -> String {
        switch mode {
        case .slurmArray:
            return "Slurm sets SLURM_ARRAY_TASK_ID, _MIN and _COUNT in each task of a job array (sbatch --array=0-N); "
                + "outside one, give --shard I/N."
        case .indexedJob:
            return "Kubernetes sets JOB_COMPLETION_INDEX in each pod of an Indexed Job (completionMode: Indexed); "
                + "outside one, give --shard I/N."
        case .fixed:
            return ""
        }
    }
}
