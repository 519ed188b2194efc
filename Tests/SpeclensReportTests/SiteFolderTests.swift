import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Output folders: a site is replaced as a whole, user files are kept, foreign folders are refused")
struct SiteFolderTests {
    /// Every file and symbolic link below `directory`: relative path → bytes (a link → its target).
    static func tree(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? directory : directory + "/" + relative
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let item = relative.isEmpty ? entry : relative + "/" + entry
                let path = directory + "/" + item
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    result[item] = Data(("-> " + target).utf8)
                    continue
                }
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                if isDirectory.boolValue {
                    walk(item)
                } else {
                    result[item] = FileManager.default.contents(atPath: path)
                }
            }
        }
        walk("")
        return result
    }

    /// The dataset with only the first two of its four matrices.
    static let smaller = Fixtures.dataset(names: [
        "encoder.layer.0.attention.self.query.weight", "encoder.layer.0.attention.self.value.weight",
    ])

    /// Entries beside `directory` left by a render (staging or old folders).
    static func leftovers(beside directory: String) -> [String] {
        let url = URL(fileURLWithPath: directory)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return entries.filter { $0.hasPrefix("." + url.lastPathComponent + ".speclens-") }
    }

    @Test(
        "a render into a used site folder leaves exactly what a render into an empty folder leaves: pages of matrices no longer in the dataset are gone"
    )
    func stalePagesDisappear() throws {
        let (used, fresh) = (try Fixtures.temporaryDirectory(), try Fixtures.temporaryDirectory())
        defer { for path in [used, fresh] { try? FileManager.default.removeItem(atPath: path) } }
        let before = try SiteGenerator().generate(Fixtures.dataset(), into: used)
        _ = try SiteGenerator().generate(Self.smaller, into: used)
        _ = try SiteGenerator().generate(Self.smaller, into: fresh)
        let (usedTree, freshTree) = (Self.tree(used), Self.tree(fresh))
        #expect(usedTree.keys.sorted() == freshTree.keys.sorted())
        #expect(usedTree == freshTree)
        let gone = before.filter { freshTree[$0] == nil }
        #expect(gone.contains { $0.contains("layer-1") || $0.contains("layer.1") }, "\(gone)")
        #expect(Self.leftovers(beside: used).isEmpty)
    }

    @Test("the .speclens-site marker lists exactly the files written, sorted, after a comment line")
    func markerListsWrittenFiles() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(
            Fixtures.dataset(), into: directory, adding: ["dataset.json": Data("{}\n".utf8)])
        let marker = Fixtures.read(directory + "/.speclens-site").split(separator: "\n").map(String.init)
        #expect(marker.first?.hasPrefix("#") == true)
        #expect(Array(marker.dropFirst()) == written)
        #expect(written.contains("dataset.json") && written.contains("index.html"))
        #expect(Set(Self.tree(directory).keys) == Set(written + [".speclens-site"]))
    }

    @Test(
        "files speclens did not write are carried over (README.md, notes at the top, in a site folder and in a folder of their own, a symbolic link); the rest equals a fresh render"
    )
    func userFilesCarriedOver() throws {
        let (used, fresh) = (try Fixtures.temporaryDirectory(), try Fixtures.temporaryDirectory())
        defer { for path in [used, fresh] { try? FileManager.default.removeItem(atPath: path) } }
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: used)
        let user: [String: String] = [
            "README.md": "# my report\n", "notes.txt": "mine", "matrices/annotations.txt": "mine too",
            "extra/deep/figure.pdf": "%PDF",
        ]
        for (path, text) in user {
            try FileManager.default.createDirectory(
                atPath: (used + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: used + "/" + path))
        }
        try FileManager.default.createSymbolicLink(atPath: used + "/latest", withDestinationPath: "index.html")
        _ = try SiteGenerator().generate(Self.smaller, into: used)
        _ = try SiteGenerator().generate(Self.smaller, into: fresh)
        var expected = Self.tree(fresh)
        for (path, text) in user { expected[path] = Data(text.utf8) }
        expected["latest"] = Data("-> index.html".utf8)
        #expect(Self.tree(used) == expected)
    }

    @Test(
        "an interrupted render (a write failing halfway) leaves the previous site byte for byte as it was, with nothing left beside it",
        arguments: [0, 1, 7, 20])
    func interruptedRenderKeepsPreviousSite(failAfter: Int) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SiteGenerator().generate(Self.smaller, into: directory)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        let before = Self.tree(directory)
        var folder = SiteFolder(directory)
        folder.failAfterWrites = failAfter
        #expect(throws: ReportError.self) {
            _ = try SiteGenerator().generate(Fixtures.dataset(), into: folder)
        }
        #expect(Self.tree(directory) == before)
        #expect(Self.leftovers(beside: directory).isEmpty)
    }

    @Test("staging folders of a render that was killed (its process gone) are removed by the next render")
    func abandonedStagingRemoved() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let abandoned = parent + "/.site.speclens-new-999999999-1"
        try FileManager.default.createDirectory(atPath: abandoned + "/matrices", withIntermediateDirectories: true)
        _ = try SiteGenerator().generate(Self.smaller, into: parent + "/site")
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(Self.leftovers(beside: parent + "/site").isEmpty)
    }

    @Test(
        "a folder holding files speclens did not write, and no marker, is refused with outputFolderNotASite naming it and what it holds; nothing changes"
    )
    func foreignFolderRefused() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("thesis".utf8).write(to: URL(fileURLWithPath: directory + "/thesis.tex"))
        try FileManager.default.createDirectory(atPath: directory + "/figures", withIntermediateDirectories: true)
        let before = Self.tree(directory)
        #expect(
            throws: ReportError.outputFolderNotASite(
                path: URL(fileURLWithPath: directory).resolvingSymlinksInPath().path,
                entries: ["figures", "thesis.tex"], count: 2)
        ) {
            try SiteGenerator().generate(Fixtures.dataset(), into: directory)
        }
        #expect(Self.tree(directory) == before)
        let message = "\(ReportError.outputFolderNotASite(path: "out", entries: ["a", "b"], count: 9))"
        #expect(message.contains("a, b and 7 more") && !message.contains("--"))
    }

    @Test("allowForeignFolder writes into a foreign folder, keeping its files; afterwards it is a site")
    func foreignFolderAllowed() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("thesis".utf8).write(to: URL(fileURLWithPath: directory + "/thesis.tex"))
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: directory, allowForeignFolder: true)
        #expect(Fixtures.read(directory + "/thesis.tex") == "thesis")
        #expect(FileManager.default.fileExists(atPath: directory + "/index.html"))
        _ = try SiteGenerator().generate(Self.smaller, into: directory)
        #expect(Fixtures.read(directory + "/thesis.tex") == "thesis")
    }

    @Test(
        "a missing folder, an empty one and one holding only README.md are written without being asked; README.md stays"
    )
    func emptyFoldersAccepted() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        _ = try SiteGenerator().generate(Self.smaller, into: parent + "/new/site")
        try FileManager.default.createDirectory(atPath: parent + "/empty", withIntermediateDirectories: true)
        _ = try SiteGenerator().generate(Self.smaller, into: parent + "/empty")
        try FileManager.default.createDirectory(atPath: parent + "/readme", withIntermediateDirectories: true)
        try Data("# Site\n".utf8).write(to: URL(fileURLWithPath: parent + "/readme/README.md"))
        _ = try SiteGenerator().generate(Self.smaller, into: parent + "/readme")
        #expect(Fixtures.read(parent + "/readme/README.md") == "# Site\n")
        for folder in ["new/site", "empty", "readme"] {
            #expect(FileManager.default.fileExists(atPath: parent + "/" + folder + "/index.html"), "\(folder)")
        }
    }

    @Test(
        "an output path that is a symbolic link to a site folder: the folder it points to is replaced, the link stays")
    func symbolicLinkOutput() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: parent + "/real")
        try FileManager.default.createSymbolicLink(atPath: parent + "/link", withDestinationPath: "real")
        _ = try SiteGenerator().generate(Self.smaller, into: parent + "/link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: parent + "/link") == "real")
        let fresh = parent + "/fresh"
        _ = try SiteGenerator().generate(Self.smaller, into: fresh)
        #expect(Self.tree(parent + "/real") == Self.tree(fresh))
    }
}
