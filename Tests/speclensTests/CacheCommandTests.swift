import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

@testable import speclens

/// The base decomposition cache as a user meets it: `--cache`, `--no-cache`, `--max-cache-size`,
/// the summary line and warnings on standard error, `speclens cache info|clear`.
@Suite("The base decomposition cache on the command line", .serialized)
struct CacheCommandTests {
    /// A small base and a full fine-tune of it (6 matrices of 64 × 48, fixed values) in a new
    /// scratch folder.
    static func pair() throws -> URL {
        let folder = try CommandRunner.scratch()
        var state: UInt64 = 99
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) - 0.5
        }
        var base: [(name: String, matrix: Matrix)] = []
        var tuned: [(name: String, matrix: Matrix)] = []
        for layer in 0..<3 {
            for projection in ["q", "v"] {
                let w0 = (0..<(64 * 48)).map { _ in next() }
                let name = "layers.\(layer).\(projection).weight"
                base.append((name, Matrix(rows: 64, columns: 48, values: w0)))
                tuned.append((name, Matrix(rows: 64, columns: 48, values: w0.map { $0 + 0.05 * next() })))
            }
        }
        try SafetensorsWriter.write(base, to: folder.appending(path: "base.safetensors").path)
        try SafetensorsWriter.write(tuned, to: folder.appending(path: "tuned.safetensors").path)
        return folder
    }

    static func analyze(_ output: String, _ extra: [String]) -> [String] {
        ["analyze", "base.safetensors", "tuned.safetensors", "-o", output] + extra
    }

    static func bytes(_ folder: URL, _ file: String) throws -> Data {
        try Data(contentsOf: folder.appending(path: file))
    }

    /// The `speclens: cache …` summary line of standard error, if any.
    static func summary(_ outcome: CommandRunner.Outcome) -> String? {
        outcome.standardError.split(separator: "\n").map(String.init).first { $0.hasPrefix("speclens: cache ") }
    }

    @Test(
        "MiniLM r8: an empty cache, the warm cache and --no-cache give byte-identical datasets; the warm run reads all 36 base decompositions; cache info counts them and cache clear removes them",
        Fixtures.enabled)
    func miniLMByteIdentical() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appending(path: "cache").path
        let arguments = ["analyze", Fixtures.minilm("base"), Fixtures.minilm("lora-r8-a16")]
        let cold = try CommandRunner.run(arguments + ["-o", "cold.json", "--cache", cache], in: folder)
        #expect(cold.status == 0, "\(cold.standardError)")
        #expect(
            Self.summary(cold)?.hasPrefix(
                "speclens: cache \(cache): 0 of 36 base decompositions read, 36 computed, 36 stored (") == true,
            "\(cold.standardError)")
        let warm = try CommandRunner.run(arguments + ["-o", "warm.json", "--cache", cache], in: folder)
        #expect(warm.status == 0, "\(warm.standardError)")
        #expect(
            Self.summary(warm)?.hasPrefix("speclens: cache \(cache): 36 of 36 base decompositions read (") == true,
            "\(warm.standardError)")
        #expect(Self.summary(warm)?.hasSuffix(", 0 computed") == true)
        let uncached = try CommandRunner.run(arguments + ["-o", "none.json", "--no-cache"], in: folder)
        #expect(uncached.status == 0, "\(uncached.standardError)")
        #expect(Self.summary(uncached) == nil)
        let reference = try Self.bytes(folder, "none.json")
        #expect(try Self.bytes(folder, "cold.json") == reference)
        #expect(try Self.bytes(folder, "warm.json") == reference)

        let info = try CommandRunner.run(["cache", "info", "--cache", cache])
        #expect(info.status == 0, "\(info.standardError)")
        let lines = info.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "location: \(cache)")
        #expect(lines.contains("entries: 36"))
        #expect(lines.contains { $0.hasPrefix("size: ") && $0.hasSuffix(" bytes)") })
        #expect(lines.last?.hasPrefix("cap: 50 GiB (the default") == true)
        let clear = try CommandRunner.run(["cache", "clear", "--cache", cache])
        #expect(clear.status == 0)
        #expect(clear.standardError.hasPrefix("speclens: removed 36 entries ("))
        let empty = try CommandRunner.run(["cache", "info", "--cache", cache, "--max-cache-size", "2G"])
        #expect(empty.standardOutput.contains("entries: 0\nsize: 0 bytes (0 bytes)\ncap: 2 GiB (--max-cache-size"))
    }

    @Test(
        "mitigate with an empty and with the warm cache writes byte-identical adapters; the warm run reads every base decomposition",
        Fixtures.enabled)
    func mitigateUsesTheCache() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["mitigate", Fixtures.minilm("base"), Fixtures.minilm("lora-r1-a2"), "--cache", "cache"]
        let cold = try CommandRunner.run(arguments + ["-o", "cold"], in: folder)
        #expect(cold.status == 0, "\(cold.standardError)")
        let warm = try CommandRunner.run(arguments + ["-o", "warm"], in: folder)
        #expect(warm.status == 0, "\(warm.standardError)")
        let summary = try #require(Self.summary(warm))
        #expect(summary.contains(/: (\d+) of \1 base decompositions read .*, 0 computed$/), "\(summary)")
        for file in ["adapter_model.safetensors", "speclens-mitigation.json"] {
            #expect(try Self.bytes(folder, "cold/\(file)") == Self.bytes(folder, "warm/\(file)"), "\(file)")
        }
    }

    @Test(
        "A cache folder that cannot be created: one warning naming it, then the analysis goes on and writes the uncached dataset (exit 0)"
    )
    func unusableFolder() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestFiles.write("a file, not a folder", folder.path, "blocker")
        let outcome = try CommandRunner.run(Self.analyze("d.json", ["--cache", "blocker/cache"]), in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let warning = outcome.standardError.split(separator: "\n").first { $0.contains("warning:") }
        #expect(
            warning?.hasPrefix("speclens: warning: cannot use the cache folder blocker/cache: ") == true,
            "\(outcome.standardError)")
        #expect(warning?.hasSuffix("; analysing without the cache (give another --cache DIR, or --no-cache)") == true)
        #expect(Self.summary(outcome) == nil)
        _ = try CommandRunner.run(Self.analyze("none.json", ["--no-cache"]), in: folder)
        #expect(try Self.bytes(folder, "d.json") == Self.bytes(folder, "none.json"))
    }

    @Test(
        "A damaged entry: a warning naming the entry and the reason, the dataset unchanged, the entry replaced (the next run reads all)"
    )
    func damagedEntry() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try CommandRunner.run(Self.analyze("first.json", ["--cache", "cache"]), in: folder)
        let entries = folder.appending(path: "cache/decompositions")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: entries.path).sorted().first)
        var bytes = try Data(contentsOf: entries.appending(path: name))
        bytes[bytes.count - 1] ^= 0x40
        try bytes.write(to: entries.appending(path: name))
        let damaged = try CommandRunner.run(Self.analyze("second.json", ["--cache", "cache"]), in: folder)
        #expect(damaged.status == 0, "\(damaged.standardError)")
        #expect(
            damaged.standardError.contains(
                "speclens: warning: the cache entry cache/decompositions/\(name) for layers."))
        #expect(
            damaged.standardError.contains(
                " is not used (checksum mismatch (damaged bytes)); decomposed again and replaced"))
        let summary = try #require(Self.summary(damaged))
        #expect(summary.contains(": 5 of 6 base decompositions read ("), "\(summary)")
        #expect(
            summary.contains(/, 1 computed, 1 stored \([0-9.]+ KiB\), 1 damaged or stale entry replaced$/), "\(summary)"
        )
        #expect(try Self.bytes(folder, "second.json") == Self.bytes(folder, "first.json"))
        let third = try CommandRunner.run(Self.analyze("third.json", ["--cache", "cache"]), in: folder)
        #expect(Self.summary(third)?.contains(": 6 of 6 base decompositions read") == true, "\(third.standardError)")
    }

    @Test(
        "Two analyses started together on one empty cache both succeed with the same dataset and leave valid entries: a third run reads all"
    )
    func concurrentProcesses() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcomes = try [0, 1].map { index -> Process in
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = Self.analyze("d\(index).json", ["--cache", "cache"])
            process.currentDirectoryURL = folder
            process.environment = TestEnvironment.speclens
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in outcomes { process.waitUntilExit() }
        #expect(outcomes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try Self.bytes(folder, "d0.json") == Self.bytes(folder, "d1.json"))
        let third = try CommandRunner.run(Self.analyze("d2.json", ["--cache", "cache"]), in: folder)
        #expect(Self.summary(third)?.contains(": 6 of 6 base decompositions read") == true, "\(third.standardError)")
        #expect(try Self.bytes(folder, "d2.json") == Self.bytes(folder, "d0.json"))
        let names = try FileManager.default.contentsOfDirectory(
            atPath: folder.appending(path: "cache/decompositions").path)
        #expect(names.count == 6 && names.allSatisfy { $0.hasSuffix(".svd") }, "\(names)")
    }

    @Test(
        "A cap too small for the base: entries that do not fit are not stored, and the summary says so, naming --max-cache-size"
    )
    func smallCap() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        // One 64 × 48 entry is about 22 KiB: 50 KiB holds two.
        let outcome = try CommandRunner.run(
            Self.analyze("d.json", ["--cache", "cache", "--max-cache-size", "50K", "--workers", "1"]), in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let summary = try #require(Self.summary(outcome))
        #expect(
            summary.contains(
                /: 0 of 6 base decompositions read, 6 computed, 2 stored \([0-9.]+ KiB\), 4 not stored: the cap 50 KiB is full of entries this run uses \(raise --max-cache-size\)$/
            ),
            "\(summary)")
    }

    @Test("--cache with --no-cache, and a size that is not one, are refused before anything runs")
    func refusedOptions() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let both = try CommandRunner.run(Self.analyze("d.json", ["--cache", "c", "--no-cache"]), in: folder)
        #expect(both.status != 0 && both.standardError.contains("give either --cache DIR or --no-cache, not both"))
        let size = try CommandRunner.run(Self.analyze("d.json", ["--max-cache-size", "lots"]), in: folder)
        #expect(size.status != 0 && size.standardError.contains("\"lots\" is not a size"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
    }

    @Test(
        "Sizes: bytes, K/M/G/T as powers of 1024 with optional B or iB, decimals; negative or unknown units are refused",
        arguments: [
            ("0", 0), ("1536", 1536), ("50G", 50 << 30), ("512m", 512 << 20), ("1.5K", 1536), ("2GiB", 2 << 30),
            ("1TB", 1 << 40), ("-1G", nil), ("5X", nil), ("G", nil), ("", nil),
        ] as [(String, Int?)])
    func sizes(text: String, bytes: Int?) {
        #expect((try? ByteSizeOption.parse(text))?.bytes == bytes)
    }

    @Test("Sizes for people: bytes below 1 KiB, one decimal below 10 units, whole units above")
    func sizeText() {
        #expect(ByteSizeOption.text(512) == "512 bytes")
        #expect(ByteSizeOption.text(1536) == "1.5 KiB")
        #expect(ByteSizeOption.text(50 << 30) == "50 GiB")
        #expect(ByteSizeOption.text(64_955_996) == "62 MiB")
    }
}
