import Testing

@testable import speclens

@Suite("Which shard a process is: --shard I/N, auto (Slurm job arrays) and auto/N (Kubernetes Indexed Jobs)")
struct ShardSpecTests {
    /// The environment of one task of `sbatch --array=MIN-MAX[:STEP]`.
    private func slurm(id: Int, min: Int, max: Int, step: Int = 1) -> [String: String] {
        [
            "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_MAX": "\(max)",
            "SLURM_ARRAY_TASK_COUNT": "\((max - min) / step + 1)", "SLURM_ARRAY_TASK_STEP": "\(step)",
        ]
    }

    @Test(
        "I/N, auto and auto/N parse; malformed values and I outside 0…N-1 do not",
        arguments: [
            "2/3", "auto", "auto/4", "3/3", "-1/3", "1/0", "auto/0", "auto/x", "auto/", "x/3", "1", "automatic",
        ])
    func parsing(text: String) {
        let expected: [String: ShardSpec] = [
            "2/3": .fixed(index: 2, count: 3), "auto": .slurmArray, "auto/4": .indexedJob(count: 4),
        ]
        #expect(ShardSpec(argument: text) == expected[text])
    }

    @Test(
        "auto takes SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT, whatever the array starts at")
    func slurmArray() throws {
        #expect(try ShardSpec.slurmArray.resolve(environment: slurm(id: 0, min: 0, max: 2)) == (0, 3))
        #expect(try ShardSpec.slurmArray.resolve(environment: slurm(id: 7, min: 5, max: 8)) == (2, 4))
        var noStep = slurm(id: 11, min: 10, max: 12)
        noStep["SLURM_ARRAY_TASK_STEP"] = nil
        noStep["SLURM_ARRAY_TASK_MAX"] = nil
        #expect(try ShardSpec.slurmArray.resolve(environment: noStep) == (1, 3))
    }

    @Test("auto divides by the array's step: --array=0-8:4 is shards 0, 1, 2 of 3")
    func slurmStep() throws {
        #expect(try ShardSpec.slurmArray.resolve(environment: slurm(id: 8, min: 0, max: 8, step: 4)) == (2, 3))
    }

    @Test("auto outside a job array names the missing variable and the way out (--shard I/N)")
    func slurmMissing() {
        #expect {
            try ShardSpec.slurmArray.resolve(environment: ["SLURM_JOB_ID": "12"])
        } throws: { error in
            let text = "\(error)"
            return error as? ShardEnvironmentError == .missing(variable: "SLURM_ARRAY_TASK_ID", mode: .slurmArray)
                && text.contains("SLURM_ARRAY_TASK_ID") && text.contains("--shard I/N") && text.contains("--array")
        }
    }

    @Test("auto refuses a non-integer variable, naming it and its value")
    func slurmNotAnInteger() {
        var environment = slurm(id: 1, min: 0, max: 2)
        environment["SLURM_ARRAY_TASK_COUNT"] = "three"
        #expect(
            throws: ShardEnvironmentError.notAnInteger(
                variable: "SLURM_ARRAY_TASK_COUNT", value: "three", mode: .slurmArray)
        ) {
            try ShardSpec.slurmArray.resolve(environment: environment)
        }
    }

    @Test("auto refuses an array given as a list of indices (--array=1,4,9): a gap cannot be told from a missing shard")
    func slurmList() {
        let environment = [
            "SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9",
            "SLURM_ARRAY_TASK_COUNT": "3",
        ]
        #expect {
            try ShardSpec.slurmArray.resolve(environment: environment)
        } throws: { error in
            guard case .notARange = error as? ShardEnvironmentError else { return false }
            return "\(error)".contains("--array=0-(N-1)")
        }
    }

    @Test("auto refuses a task id below the array's minimum")
    func slurmBelowMinimum() {
        #expect(throws: ShardEnvironmentError.self) {
            try ShardSpec.slurmArray.resolve(environment: slurm(id: 1, min: 2, max: 4))
        }
    }

    @Test("auto/N takes JOB_COMPLETION_INDEX of N; a missing, malformed or too large index is refused by name")
    func indexedJob() throws {
        #expect(try ShardSpec.indexedJob(count: 4).resolve(environment: ["JOB_COMPLETION_INDEX": "3"]) == (3, 4))
        #expect(throws: ShardEnvironmentError.missing(variable: "JOB_COMPLETION_INDEX", mode: .indexedJob(count: 4))) {
            try ShardSpec.indexedJob(count: 4).resolve(environment: [:])
        }
        #expect(
            throws: ShardEnvironmentError.notAnInteger(
                variable: "JOB_COMPLETION_INDEX", value: "", mode: .indexedJob(count: 4))
        ) {
            try ShardSpec.indexedJob(count: 4).resolve(environment: ["JOB_COMPLETION_INDEX": ""])
        }
        #expect {
            try ShardSpec.indexedJob(count: 4).resolve(environment: ["JOB_COMPLETION_INDEX": "4"])
        } throws: { error in
            "\(error)".contains("JOB_COMPLETION_INDEX=4") && "\(error)".contains("auto/N")
        }
    }

    @Test("I/N ignores the environment")
    func fixed() throws {
        #expect(try ShardSpec.fixed(index: 1, count: 2).resolve(environment: ["JOB_COMPLETION_INDEX": "0"]) == (1, 2))
    }
}
