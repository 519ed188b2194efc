import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite("speclens site over experiment manifests: analysed once, reused while unchanged", .serialized, Fixtures.enabled)
struct SiteManifestCommandTests {
    static let first = """
        base: base
        runs:
          - path: lora-r1-a2
            label: r1
          - path: full
            label: Full
        """
    static let second = """
        base: base
        runs:
          - stack: [lora-r8-a16, lora-r1-a2-copy]
            label: r8 then r1
        """
    static let options = [
        "--include", #"encoder\.layer\.0\."#, "--no-controls", "--spectrum-buckets", "0", "--epsilon", "0.9", "--cache",
        "cache",
    ]

    /// Times a base decomposition was looked up: one cache summary line per analysed manifest.
    static func analyses(_ outcome: CommandRunner.Outcome) -> Int {
        outcome.standardError.components(separatedBy: "base decompositions read").count - 1
    }

    /// A scratch folder with links to the fixtures, a copy of the r = 1 adapter used only by the
    /// second manifest, and the two manifests in `manifests/`.
    static func experiment() throws -> URL {
        let folder = try CommandRunner.scratch()
        for name in ["base", "full", "lora-r1-a2", "lora-r8-a16"] {
            try FileManager.default.createSymbolicLink(
                atPath: folder.appending(path: name).path, withDestinationPath: Fixtures.minilm(name))
        }
        try FileManager.default.copyItem(
            atPath: Fixtures.minilm("lora-r1-a2"), toPath: folder.appending(path: "lora-r1-a2-copy").path)
        let manifests = folder.appending(path: "manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try Data(
            first.replacingOccurrences(of: "base: base", with: "base: ../base")
                .replacingOccurrences(of: "path: ", with: "path: ../").utf8
        ).write(to: manifests.appending(path: "first.yaml"))
        try Data(
            second.replacingOccurrences(of: "base: base", with: "base: ../base")
                .replacingOccurrences(
                    of: "[lora-r8-a16, lora-r1-a2-copy]", with: "[../lora-r8-a16, ../lora-r1-a2-copy]"
                ).utf8
        )
        .write(to: manifests.appending(path: "second.yml"))
        return folder
    }

    @Test(
        "A folder of two manifests becomes a site whose datasets are analyze --manifest's and whose index shows their numbers; a second build analyses nothing and changes no file; an edited manifest or a touched input file re-analyses that experiment alone; a bad manifest names file and line and leaves the site as it was"
    )
    func manifests() throws {
        let folder = try Self.experiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let built = try CommandRunner.run(["site", "manifests", "-o", "out"] + Self.options, in: folder)
        #expect(built.status == 0, "\(built.standardError)")
        #expect(Self.analyses(built) == 2)
        let out = folder.appending(path: "out")
        let index = try String(contentsOf: out.appending(path: "index.html"), encoding: .utf8)
        #expect(
            index.contains("<a href=\"first/index.html\">first</a>")
                && index.contains("<a href=\"second/index.html\">second</a>"))
        for name in ["first", "second"] {
            let reference = try CommandRunner.run(
                ["analyze", "--manifest", "manifests/\(name).y\(name == "first" ? "aml" : "ml")", "-o", "\(name).json"]
                    + Self.options, in: folder)
            #expect(reference.status == 0, "\(reference.standardError)")
            let inSite = try Data(contentsOf: out.appending(path: "\(name)/dataset.json"))
            #expect(inSite == (try Data(contentsOf: folder.appending(path: "\(name).json"))))
            let dataset = try DatasetCoding.decode(inSite, path: name)
            #expect(dataset.parameters.epsilon == 0.9)
            for run in dataset.runs {
                let count = run.matrices.map { $0.maxCosineTopK.filter { Double($0) < 0.9 }.count }.reduce(0, +)
                let rank = String(format: "%.1f", run.summary.meanEffectiveRank!)
                #expect(
                    index.contains("\(run.displayLabel)</th>")
                        && index.contains("<td class=\"num\">\(count)</td><td class=\"num\">\(rank)</td></tr>"),
                    "\(run.displayLabel): \(count), \(rank)")
            }
        }
        // Back to the index from every page of an experiment's report, relatively.
        let report = try String(contentsOf: out.appending(path: "first/index.html"), encoding: .utf8)
        #expect(
            report.contains(
                #"<nav><a class="up" href="../index.html">All experiments</a> › <a class="home" href="index.html">"#))
        let matrices = try FileManager.default.contentsOfDirectory(atPath: out.appending(path: "second/matrices").path)
        let page = try String(
            contentsOf: out.appending(path: "second/matrices/" + matrices.sorted()[0]), encoding: .utf8)
        #expect(page.contains(#"<a class="up" href="../../index.html">All experiments</a>"#))

        let before = try SiteCommandTests.times(out)
        Thread.sleep(forTimeInterval: 0.05)
        let again = try CommandRunner.run(["site", "manifests", "-o", "out"] + Self.options, in: folder)
        #expect(again.status == 0 && again.standardError.isEmpty, "\(again.standardError)")
        #expect(try SiteCommandTests.times(out) == before)

        // Edited manifest: only it is analysed, and only its report rendered.
        let firstPath = folder.appending(path: "manifests/first.yaml")
        try Data(
            try String(contentsOf: firstPath, encoding: .utf8).replacingOccurrences(
                of: "label: Full", with: "label: Full FT"
            ).utf8
        )
        .write(to: firstPath)
        let edited = try CommandRunner.run(["site", "manifests", "-o", "out"] + Self.options, in: folder)
        #expect(edited.status == 0 && Self.analyses(edited) == 1, "\(edited.standardError)")
        let afterEdit = try SiteCommandTests.times(out)
        #expect(afterEdit["first/index.html"] != before["first/index.html"])
        #expect(before.keys.filter { $0.hasPrefix("second/") }.allSatisfy { afterEdit[$0] == before[$0] })
        #expect(try String(contentsOf: out.appending(path: "first/index.html"), encoding: .utf8).contains("Full FT"))

        // A touched input file (new modification time) of the second manifest: only it is analysed.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3600)],
            ofItemAtPath: folder.appending(path: "lora-r1-a2-copy/adapter_model.safetensors").path)
        let touched = try CommandRunner.run(["site", "manifests", "-o", "out"] + Self.options, in: folder)
        #expect(touched.status == 0 && Self.analyses(touched) == 1, "\(touched.standardError)")
        // The second manifest's runs speak, not the first's.
        #expect(touched.standardError.contains("r8-then-r1-step1"))
        #expect(!touched.standardError.contains("run lora-r1-a2:"))

        // Other analysis options: both are analysed again.
        let wider = try CommandRunner.run(
            ["site", "manifests", "-o", "out", "--top-k", "5"] + Self.options, in: folder)
        #expect(wider.status == 0 && Self.analyses(wider) == 2, "\(wider.standardError)")

        // A bad manifest: error with file and line, site untouched, nothing analysed.
        let settled = OutputFolderCommandTests.tree(out)
        try Data("base: ../base\nruns:\n  - path: ../full\n    lable: typo\n".utf8).write(
            to: folder.appending(path: "manifests/third.yaml"))
        let bad = try CommandRunner.run(["site", "manifests", "-o", "out"] + Self.options, in: folder)
        #expect(bad.status == 1)
        #expect(
            bad.standardError.contains("third.yaml, line 4") && bad.standardError.contains("lable"),
            "\(bad.standardError)")
        #expect(Self.analyses(bad) == 0)
        #expect(OutputFolderCommandTests.tree(out) == settled)
        try FileManager.default.removeItem(at: folder.appending(path: "manifests/third.yaml"))

        // A manifest whose analysis fails: the error names the manifest; the site stays.
        try Data("base: ../base\nruns:\n  - path: ../missing\n".utf8).write(
            to: folder.appending(path: "manifests/broken.yaml"))
        let broken = try CommandRunner.run(["site", "manifests", "-o", "out"] + Self.options, in: folder)
        #expect(broken.status == 1)
        #expect(
            broken.standardError.contains("manifests/broken.yaml: ") && broken.standardError.contains("missing"),
            "\(broken.standardError)")
        #expect(OutputFolderCommandTests.tree(out) == settled)
    }

    @Test("A standalone render of an experiment's dataset has no link to an experiment index")
    func standaloneHasNoBacklink() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "demo", "--no-controls"], in: folder).status == 0)
        #expect(try CommandRunner.run(["site", "demo", "-o", "out"], in: folder).status == 0)
        let inSite = try String(contentsOf: folder.appending(path: "out/demo/index.html"), encoding: .utf8)
        let standalone = try String(contentsOf: folder.appending(path: "demo/index.html"), encoding: .utf8)
        #expect(inSite.contains("All experiments"))
        #expect(!standalone.contains("All experiments") && !standalone.contains(#"class="up""#))
        #expect(
            standalone
                == inSite.replacingOccurrences(
                    of: #"<a class="up" href="../index.html">All experiments</a> › "#, with: ""))
    }
}
