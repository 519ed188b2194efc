import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects XML parse errors.
private final class XMLErrors: NSObject, XMLParserDelegate {
    var error: String?
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = "\(parseError)" }
    static func check(_ data: Data) -> String? {
        let parser = XMLParser(data: data)
        let errors = XMLErrors()
        parser.delegate = errors
        return parser.parse() && errors.error == nil ? nil : (errors.error ?? "parse failed")
    }
}

@Suite("Hostile text in checkpoints stays text in every output file", .serialized)
struct HostileCheckpointTests {
    static let names = [
        "layers.0.<script>alert(1)</script>.weight",
        "layers.1.{{x}}*a*`b`.weight",
        "layers.2.../../evil.weight",
        "layers.3.\"q\"&'amp'[l](javascript:x).weight",
    ]
    /// A folder name cannot hold `/`; everything else hostile it can.
    static let runFolder = "run<script>alert(2)&\"q\"{{y}}*c*"

    /// Writes base and tuned checkpoints with hostile tensor names, metadata and folder names.
    static func checkpoints(in folder: URL) throws {
        var tensorsBase: [(name: String, matrix: Matrix)] = []
        var tensorsTuned: [(name: String, matrix: Matrix)] = []
        for (index, name) in names.enumerated() {
            var values = [Float]()
            for k in 0..<(16 * 12) { values.append(Float((k * 7919 + index * 31) % 97) / 97 - 0.5) }
            let w0 = Matrix(rows: 16, columns: 12, values: values)
            var wt = w0
            wt[index, 1] += 0.4
            wt[5, index + 2] -= 0.3
            tensorsBase.append((name, w0))
            tensorsTuned.append((name, wt))
        }
        let metadata = ["format": "pt", "note": "<script>meta()</script> {{m}} `x` ../"]
        for (sub, tensors) in [("base", tensorsBase), (runFolder, tensorsTuned)] {
            let dir = folder.appending(path: sub)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try SafetensorsWriter.write(tensors, metadata: metadata, to: dir.appending(path: "model.safetensors").path)
        }
    }

    @Test(
        "analysis + render of a checkpoint with hostile tensor names: escaped in pages, SVG, CSV and file names; single file too"
    )
    func hostileCheckpoint() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.checkpoints(in: folder)
        let outcome = try CommandRunner.run(
            ["report", "base", Self.runFolder, "-o", "site", "--single-file", "one.html", "--figure-style", "paper"],
            in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "site/dataset.json").path)
        #expect(Set(dataset.base.matrices.map(\.name)) == Set(Self.names))
        #expect(dataset.runs.first?.id.rawValue.contains("<script>") == true)

        let site = folder.appending(path: "site")
        let enumerator = FileManager.default.enumerator(atPath: site.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: site.appending(path: path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.append(path) }
        }
        #expect(
            files.contains("index.html") && files.contains { $0.hasSuffix(".svg") }
                && files.contains { $0.hasSuffix(".csv") })
        // Nothing was written outside the site folder (besides the single file).
        let top = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(top == ["base", "one.html", Self.runFolder, "site"].sorted())
        // File names: only [a-z0-9._-] per component, no `..` (besides the list of files
        // speclens wrote, .speclens-site).
        for path in files where path != ".speclens-site" {
            for component in path.split(separator: "/") {
                #expect(component != ".." && !component.hasPrefix("."), "\(path)")
                #expect(
                    component.unicodeScalars.allSatisfy {
                        ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
                    }, "\(path)")
            }
        }
        var sawEscapedName = false
        var sawCSVName = false
        for path in files + ["../one.html"] where !path.hasSuffix("dataset.json") {
            let data = try Data(contentsOf: site.appending(path: path))
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix(".csv") {
                // Data, not markup: the names appear exactly, inside quotes.
                if text.contains("\"layers.0.<script>alert(1)</script>.weight\"")
                    || text.contains("\"<script>alert(1)</script>\"")
                {
                    sawCSVName = true
                }
                continue
            }
            let lower = text.lowercased()
            #expect(!lower.contains("<script"), "raw <script in \(path)")
            #expect(!lower.contains("href=\"javascript"), "javascript link in \(path)")
            #expect(
                !text.contains("<em>a</em>") && !text.contains("<code>b</code>") && !text.contains("<em>c</em>"),
                "Markdown rendered from a name in \(path)")
            if path.hasSuffix(".svg") {
                #expect(XMLErrors.check(data) == nil, "\(path): \(XMLErrors.check(data) ?? "")")
            }
            if path.hasSuffix(".html") || path.hasSuffix(".svg") {
                if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") { sawEscapedName = true }
            }
        }
        #expect(sawEscapedName && sawCSVName)
        let index = try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8)
        #expect(index.contains("layers.1.{{x}}*a*`b`.weight"))
        #expect(index.contains("layers.2.../../evil.weight"))
        #expect(index.contains("&quot;q&quot;&amp;&#39;amp&#39;[l](javascript:x).weight"))
        #expect(index.contains("run&lt;script&gt;alert(2)&amp;&quot;q&quot;{{y}}*c*"))
        let single = try String(contentsOf: folder.appending(path: "one.html"), encoding: .utf8)
        #expect(single.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !single.lowercased().contains("<script"))
    }

    @Test(
        "an invalid --base-url is refused before any work, with a message",
        arguments: ["javascript:alert(1)", "https://x.org/\"><script>"])
    func badBaseURL(url: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["demo", "-o", "site", "--base-url", url], in: folder)
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("--base-url"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "site").path))
    }
}
