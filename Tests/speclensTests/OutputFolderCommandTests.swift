import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite("Output folders through the command line: --force, and a render killed halfway", .serialized)
struct OutputFolderCommandTests {
    /// Every file below `directory` (hidden ones included): relative path → bytes.
    static func tree(_ directory: URL) -> [String: Data] { TestFiles.tree(directory.path) }

    /// The demo dataset with its 24 matrices repeated `copies` times under further layer numbers.
    static func enlarged(_ dataset: SpectralDataset, copies: Int) -> SpectralDataset {
        func renamed(_ name: String, _ copy: Int) -> String {
            name.replacingOccurrences(of: "layers.", with: "layers.\(copy)0")
        }
        var large = dataset
        for copy in 1..<copies {
            large.base.matrices += dataset.base.matrices.map { matrix in
                var clone = matrix
                clone.name = renamed(matrix.name, copy)
                clone.layer = matrix.layer.map { $0 + copy * 100 }
                return clone
            }
            for index in large.runs.indices {
                large.runs[index].matrices += dataset.runs[index].matrices.map { matrix in
                    var clone = matrix
                    clone.name = renamed(matrix.name, copy)
                    clone.tunedName = renamed(matrix.tunedName, copy)
                    return clone
                }
            }
        }
        large.base.matrices.sort { $0.name < $1.name }
        for index in large.runs.indices {
            large.runs[index].matrices.sort { $0.name < $1.name }
            large.runs[index].summary = RunSummary(
                matrices: large.runs[index].matrices, epsilon: large.parameters.epsilon,
                epsilonGrid: large.parameters.epsilonGrid)
        }
        return large
    }

    @Test(
        "render into a folder of other files exits 1 naming the folder and --force, and changes nothing; with --force the site is written and the files kept"
    )
    func foreignFolderNeedsForce() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "site"], in: folder).status == 0)
        let papers = folder.appending(path: "papers")
        try FileManager.default.createDirectory(at: papers, withIntermediateDirectories: true)
        try Data("draft".utf8).write(to: papers.appending(path: "draft.tex"))
        let refused = try CommandRunner.run(["render", "site/dataset.json", "-o", "papers"], in: folder)
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains("papers is not empty and not a speclens site (it holds draft.tex"),
            "\(refused.standardError)")
        #expect(refused.standardError.contains("hint:") && refused.standardError.contains("--force"))
        #expect(Self.tree(papers) == ["draft.tex": Data("draft".utf8)])
        let forced = try CommandRunner.run(["render", "site/dataset.json", "-o", "papers", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(Self.tree(papers)["draft.tex"] == Data("draft".utf8))
        #expect(FileManager.default.fileExists(atPath: papers.appending(path: "index.html").path))
    }

    @Test(
        "report over its own earlier site needs no --force; the site then holds what a report into an empty folder holds"
    )
    func reportOverItsOwnSite() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "site"], in: folder).status == 0)
        #expect(try CommandRunner.run(["demo", "-o", "site", "--include", "layers\\.0\\."], in: folder).status == 0)
        #expect(try CommandRunner.run(["demo", "-o", "fresh", "--include", "layers\\.0\\."], in: folder).status == 0)
        #expect(Self.tree(folder.appending(path: "site")) == Self.tree(folder.appending(path: "fresh")))
    }

    @Test("render of a site's own dataset.json into that site keeps dataset.json byte for byte")
    func renderKeepsTheSitesDataset() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "site"], in: folder).status == 0)
        let before = Self.tree(folder.appending(path: "site"))
        let again = try CommandRunner.run(["render", "site/dataset.json", "-o", "site"], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(Self.tree(folder.appending(path: "site")) == before)
    }

    @Test(
        "kill -9 while a render writes its files leaves the previous site byte for byte as it was; the next render removes the abandoned staging folder"
    )
    func killedRender() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "site"], in: folder).status == 0)
        let site = folder.appending(path: "site")
        let before = Self.tree(site)
        let demo = try DatasetCoding.read(from: site.appending(path: "dataset.json").path)
        try DatasetCoding.write(Self.enlarged(demo, copies: 6), to: folder.appending(path: "large.json").path)

        var killedWhileWriting = false
        for _ in 0..<3 where !killedWhileWriting {
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = ["render", "large.json", "-o", "site"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Files are written in path order, charts/ first; kill once the staging folder has some.
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning, Date() < deadline {
                let staging = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
                    .first { $0.hasPrefix(".site.speclens-new-") }
                if let staging,
                    FileManager.default.fileExists(atPath: folder.appending(path: staging + "/charts/matrices").path)
                {
                    kill(process.processIdentifier, SIGKILL)
                    killedWhileWriting = true
                    break
                }
                usleep(2_000)
            }
            process.waitUntilExit()
            #expect(Self.tree(site) == before, "the previous site changed")
        }
        #expect(killedWhileWriting, "the render always finished before it could be killed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix(".site.speclens-")
        }
        #expect(!leftovers.isEmpty)

        let again = try CommandRunner.run(["render", "large.json", "-o", "site"], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".site.speclens-") }
                .isEmpty)
        #expect(try CommandRunner.run(["render", "large.json", "-o", "fresh"], in: folder).status == 0)
        // dataset.json was written by speclens (demo), and render writes none: it goes too.
        let (rendered, fresh) = (Self.tree(site), Self.tree(folder.appending(path: "fresh")))
        #expect(Set(rendered.keys).symmetricDifference(fresh.keys).isEmpty)
        #expect(rendered == fresh)
    }
}
