import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite("Load: a thousand matrices through analysis and site", .serialized)
struct LoadTests {
    /// `layers` × 4 attention projections of 16 × 16: a base and a full fine-tune of it that
    /// adds a rank-one update to every matrix.
    static func writeCheckpoints(layers: Int, into folder: URL) throws -> (base: String, tuned: String) {
        var random = SeededFloats(seed: 2024)
        let model = LayeredCheckpoints(layers: layers, modules: ["q_proj", "k_proj", "v_proj", "o_proj"]) {
            "model.layers.\($0).self_attn.\($1).weight"
        }
        let paths = try model.write(
            into: folder.path, base: { _, _ in Matrix(rows: 16, columns: 16, values: random.signedUnits(256)) },
            variants: [
                (
                    "tuned.safetensors",
                    { w0, _, _ in
                        let (u, v) = (random.signedUnits(16), random.signedUnits(16))
                        var wt = w0
                        for row in 0..<16 { for column in 0..<16 { wt[row, column] += 0.3 * u[row] * v[column] } }
                        return wt
                    }
                )
            ])
        return (paths[0], paths[1])
    }

    /// Runs the speclens binary, measuring its own peak memory.
    static func speclens(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess.run(CommandRunner.executable.path, arguments, environment: TestEnvironment.speclens)
    }

    /// The size of the file at `path` in bytes.
    static func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    }

    /// Every regular file below `folder`, relative, with its size.
    static func files(in folder: URL) -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: TestFiles.files(below: folder.path).map {
                ($0, (try? fileSize(folder.path + "/" + $0)) ?? 0)
            })
    }

    @Test(
        "1,000 matrices (250 layers × 4 projections of 16 × 16): analysis memory grows only with the dataset, the site renders with unique file names and index pages that stay short, its memory following the dataset, not the pages (against 250 matrices)",
        .timeLimit(.minutes(8)))
    func thousandMatrices() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (base, tuned) = try Self.writeCheckpoints(layers: 250, into: folder)
        let dataset = folder.appending(path: "dataset.json").path
        let site = folder.appending(path: "site")

        // Analysis: one matrix at a time, so 1,000 matrices cost little more memory than 100.
        let small = try Self.speclens([
            "analyze", base, tuned, "--no-controls", "--include", #"layers\.(\d|1\d|2[0-4])\."#,
            "-o", folder.appending(path: "small.json").path,
        ])
        #expect(small.status == 0, "\(small.output)")
        let analysis = try Self.speclens(["analyze", base, tuned, "--no-controls", "-o", dataset])
        #expect(analysis.status == 0, "\(analysis.output)")
        let data = try DatasetCoding.read(from: dataset)
        #expect(data.base.matrices.count == 1000 && data.runs[0].matrices.count == 1000)
        // It grows only with the dataset it assembles and encodes (records, not matrices).
        let growth = try Self.fileSize(dataset) - Self.fileSize(folder.appending(path: "small.json").path)
        #expect(
            (analysis.peakKilobytes - small.peakKilobytes) * 1024 <= 8 * growth,
            "analysis peak \(analysis.peakKilobytes) kB for 1,000 matrices against \(small.peakKilobytes) kB for 100; dataset \(growth / 1024) kB larger"
        )

        let render = try Self.speclens(["render", dataset, "-o", site.path])
        #expect(render.status == 0, "\(render.output)")
        let files = Self.files(in: site)
        let siteBytes = files.values.reduce(0, +)
        // Pages are written as they are rendered: the render's peak follows the dataset it holds
        // (and the overview's inline heat maps), not the number of pages. Against 250 matrices:
        let quarter = folder.appending(path: "quarter.json").path
        let quarterAnalysis = try Self.speclens([
            "analyze", base, tuned, "--no-controls", "--include", #"layers\.(\d|[1-5]\d|6[0-2])\."#, "-o", quarter,
        ])
        #expect(quarterAnalysis.status == 0, "\(quarterAnalysis.output)")
        let quarterRender = try Self.speclens(["render", quarter, "-o", folder.appending(path: "quarter-site").path])
        #expect(quarterRender.status == 0, "\(quarterRender.output)")
        let quarterBytes = Self.files(in: folder.appending(path: "quarter-site")).values.reduce(0, +)
        let datasetGrowth = try Self.fileSize(dataset) - Self.fileSize(quarter)
        // The decoded dataset and its reading take about 5 times the JSON's size; the pages,
        // 49 MB more here, are not held.
        let peakGrowth = (render.peakKilobytes - quarterRender.peakKilobytes) * 1024
        #expect(
            peakGrowth <= 8 * datasetGrowth && peakGrowth <= (siteBytes - quarterBytes) / 2,
            "render peak \(render.peakKilobytes) kB for 1,000 matrices (site \(siteBytes >> 10) kB) against \(quarterRender.peakKilobytes) kB for 250 (site \(quarterBytes >> 10) kB); dataset \(datasetGrowth >> 10) kB larger"
        )
        print(
            String(
                format:
                    "Render memory: 250 matrices peak %d MB (site %d MB), 1,000 matrices peak %d MB (site %d MB), dataset %d kB larger",
                quarterRender.peakKilobytes / 1024, quarterBytes >> 20, render.peakKilobytes / 1024, siteBytes >> 20,
                datasetGrowth >> 10))

        // One page per matrix, file names unique even where case is not told apart.
        let pages = files.keys.filter { $0.hasPrefix("matrices/") && $0.hasSuffix(".html") }
        #expect(pages.count == 1000)
        #expect(Set(files.keys.map { $0.lowercased() }).count == files.count)

        // The overview lists the 200 most telling matrices; module-type pages reach every one.
        let index = try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8)
        // Most of it is the inline layer × module heat maps (about 0.7 kB per matrix); the table
        // of 200 rows is under 100 kB.
        #expect(index.utf8.count < 1_000_000, "index.html is \(index.utf8.count) bytes")
        let table = index.components(separatedBy: "<table class=\"matrices\">").last ?? ""
        #expect(table.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 200)
        #expect(index.contains("The 200 of 1000 matrices with the most intruders"))
        #expect(index.contains("<ul class=\"groups columns\">"))
        var linked: Set<String> = []
        for module in files.keys where module.hasPrefix("modules/") {
            let text = try String(contentsOf: site.appending(path: module), encoding: .utf8)
            for part in text.components(separatedBy: "href=\"../matrices/").dropFirst() {
                linked.insert("matrices/" + part.prefix { $0 != "\"" && $0 != "#" })
            }
        }
        #expect(linked == Set(pages))
        print(
            String(
                format:
                    "Load test: analysis of 1,000 matrices %.1f s, peak %d MB (100 matrices: %d MB); render %.1f s, peak %d MB, %d files, %d MB",
                analysis.seconds, analysis.peakKilobytes / 1024, small.peakKilobytes / 1024,
                render.seconds, render.peakKilobytes / 1024, files.count, siteBytes >> 20))
    }
}
