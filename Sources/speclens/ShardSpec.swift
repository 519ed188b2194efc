import ArgumentParser

/// The `--shard` value: `I/N` (shard I, 0-based, of N), `auto` (from a Slurm job array) or
/// `auto/N` (from a Kubernetes Indexed Job of N completions). The automatic forms are resolved
/// from the environment when the command runs (``resolve(environment:)``), so that one command
/// line serves every task of an array.
enum ShardSpec: ExpressibleByArgument, Equatable {
    /// Shard `index` of `count`, as given.
    case fixed(index: Int, count: Int)
    /// `SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN` of `SLURM_ARRAY_TASK_COUNT`.
    case slurmArray
    /// `JOB_COMPLETION_INDEX` of `count`.
    case indexedJob(count: Int)

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        if argument == "auto" {
            self = .slurmArray
            return
        }
        guard parts.count == 2, let count = Int(parts[1]), count >= 1 else { return nil }
        if parts[0] == "auto" {
            self = .indexedJob(count: count)
            return
        }
        guard let index = Int(parts[0]), index >= 0, index < count else { return nil }
        self = .fixed(index: index, count: count)
    }

    /// The shard to analyse, reading the scheduler's variables from `environment` for the
    /// automatic forms.
    /// - Throws: ``ShardEnvironmentError`` when a variable is missing or does not describe a
    ///   task of a contiguous array.
    func resolve(environment: [String: String]) throws -> (index: Int, count: Int) {
        switch self {
        case .fixed(let index, let count):
            return (index, count)
        case .indexedJob(let count):
            let index = try Self.integer("JOB_COMPLETION_INDEX", in: environment, mode: self)
            guard (0..<count).contains(index) else {
                throw ShardEnvironmentError.outOfRange(
                    variables: "JOB_COMPLETION_INDEX=\(index)", index: index, count: count, mode: self)
            }
            return (index, count)
        case .slurmArray:
            let id = try Self.integer("SLURM_ARRAY_TASK_ID", in: environment, mode: self)
            let min = try Self.integer("SLURM_ARRAY_TASK_MIN", in: environment, mode: self)
            let count = try Self.integer("SLURM_ARRAY_TASK_COUNT", in: environment, mode: self)
            let step =
                try environment["SLURM_ARRAY_TASK_STEP"] == nil
                ? 1 : Self.integer("SLURM_ARRAY_TASK_STEP", in: environment, mode: self)
            let described =
                "SLURM_ARRAY_TASK_ID=\(id), SLURM_ARRAY_TASK_MIN=\(min), SLURM_ARRAY_TASK_COUNT=\(count)"
                + (step == 1 ? "" : ", SLURM_ARRAY_TASK_STEP=\(step)")
            guard count >= 1, step >= 1 else {
                throw ShardEnvironmentError.outOfRange(variables: described, index: id - min, count: count, mode: self)
            }
            // An array given as a list (--array=1,4,9) has no fixed step; its indices cannot be
            // told apart from a gap, so only ranges (with an optional step) are accepted.
            if let max = environment["SLURM_ARRAY_TASK_MAX"].flatMap({ Int($0) }),
                max < min || (max - min) % step != 0 || (max - min) / step + 1 != count
            {
                throw ShardEnvironmentError.notARange(
                    variables: described + ", SLURM_ARRAY_TASK_MAX=\(max)")
            }
            guard id >= min, (id - min) % step == 0, (id - min) / step < count else {
                throw ShardEnvironmentError.outOfRange(
                    variables: described, index: (id - min) / step, count: count, mode: self)
            }
            return ((id - min) / step, count)
        }
    }

    /// The value of `name` in `environment` as an integer.
    private static func integer(_ name: String, in environment: [String: String], mode: ShardSpec) throws -> Int {
        guard let text = environment[name] else {
            throw ShardEnvironmentError.missing(variable: name, mode: mode)
        }
        guard let value = Int(text) else {
            throw ShardEnvironmentError.notAnInteger(variable: name, value: text, mode: mode)
        }
        return value
    }

    /// The value as written on the command line.
    var argumentText: String {
        switch self {
        case .fixed(let index, let count): return "\(index)/\(count)"
        case .slurmArray: return "auto"
        case .indexedJob(let count): return "auto/\(count)"
        }
    }
}
