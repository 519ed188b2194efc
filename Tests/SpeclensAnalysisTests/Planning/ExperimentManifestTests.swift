import SpeclensDataset
import Testing

@testable import SpeclensAnalysis

@Suite("Experiment manifests")
struct ExperimentManifestTests {
    func parse(_ text: String) throws -> ExperimentManifest {
        try ExperimentManifest.parse(text, file: "exp.yaml", folder: "/data/exp")
    }

    @Test(
        "`options` carries the command line's options in snake_case, in file order: scalars, switches and lists as text, with their lines; a name that is not snake_case or a map as a value is refused with its line"
    )
    func options() throws {
        let manifest = try parse(
            """
            base: b
            options:
              include_heads: true
              top_k: 16
              include: ['encoder\\.layer', pooler]
              epsilon: 0.7
            runs:
              - path: r
            """)
        #expect(
            manifest.options == [
                ManifestOption(name: "include_heads", values: ["true"], line: 3),
                ManifestOption(name: "top_k", values: ["16"], line: 4),
                ManifestOption(name: "include", values: [#"encoder\.layer"#, "pooler"], line: 5),
                ManifestOption(name: "epsilon", values: ["0.7"], line: 6),
            ])
        #expect(
            throws: AnalysisError.invalidManifest(
                file: "exp.yaml", line: 3, reason: "an option name must be snake_case, like `top_k` or `include_heads`")
        ) {
            try parse("base: b\noptions:\n  Top-K: 3\nruns:\n  - path: r\n")
        }
        #expect(throws: AnalysisError.self) { try parse("base: b\noptions:\n  top_k: {a: 1}\nruns:\n  - path: r\n") }
    }

    @Test(
        "A full manifest: paths relative to its folder, labels verbatim, typed tags, supplied metrics, colours and a stack, in file order"
    )
    func complete() throws {
        let manifest = try parse(
            """
            base: models/base
            runs:
              - path: runs/full
                label: Full fine-tune
                tags: {method: full, task: news}
                metrics: {accuracy: 0.912, forgetting: 3}
              - path: /abs/lora-r8
                label: "LoRA r=8, α = 16 <b>"
                tags: {rank: 8, alpha: 16, trained: B-only, data_fraction: 0.5, frozen_a: true}
                color: "#D62728"
              - stack: [runs/task-a, runs/task-b]
                label: A then B
            """)
        #expect(manifest.base == "/data/exp/models/base")
        #expect(
            manifest.runs.map(\.paths) == [
                ["/data/exp/runs/full"], ["/abs/lora-r8"], ["/data/exp/runs/task-a", "/data/exp/runs/task-b"],
            ])
        #expect(manifest.runs.map(\.label) == ["Full fine-tune", "LoRA r=8, α = 16 <b>", "A then B"])
        #expect(manifest.runs[0].metrics == ["accuracy": 0.912, "forgetting": 3])
        #expect(manifest.runs[0].tags == ["method": .text("full"), "task": .text("news")])
        #expect(manifest.runs[1].tags["rank"] == .number(8))
        #expect(manifest.runs[1].tags["trained"] == .text("B-only"))
        #expect(manifest.runs[1].tags["data_fraction"] == .number(0.5))
        #expect(manifest.runs[1].tags["frozen_a"] == .flag(true))
        #expect(manifest.runs[1].color?.rawValue == "#d62728")
        #expect(manifest.runs[2].source == .stack(["/data/exp/runs/task-a", "/data/exp/runs/task-b"]))
    }

    @Test(
        "Errors name the file and the line of the offending entry",
        arguments: [
            ("base: b\nruns:\n  - path: x\n    lable: typo\n", 4, "unknown key `lable`"),
            ("runs:\n  - path: x\n", 1, "missing `base`"),
            (
                "base: b\nruns:\n  - path: x\n    metrics: {accuracy: high}\n", 4,
                "metric `accuracy` must be a finite number"
            ),
            ("base: b\nruns:\n  - path: x\n    color: red\n", 4, "`color` must be #rrggbb"),
            ("base: b\nruns:\n  - label: nothing\n", 3, "a run needs `path`"),
            ("base: b\nruns:\n  - path: x\n    stack: [y]\n", 3, "either `path` or `stack`"),
            ("base: b\nruns: []\n", 2, "non-empty list"),
            ("base: b\nruns:\n  - path: [x\n", nil, "not valid YAML"),
        ] as [(String, Int?, String)])
    func errors(text: String, line: Int?, reason: String) throws {
        let error = #expect(throws: AnalysisError.self) { try parse(text) }
        guard case .invalidManifest(let file, let reported, let message) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(file == "exp.yaml")
        if let line { #expect(reported == line, "\(message)") }
        #expect(message.contains(reason), "\(message)")
        #expect(error?.description.contains("exp.yaml") == true)
    }
}
