import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// Runs side by side: compare pages per module type and layer, and per-run anchors, a run picker
/// and a grid of similarity heat maps on matrix pages.
@Suite("Side by side")
struct SideBySideTests {
    /// The `<td>` texts of the rows of the first table of a compare page, by row name.
    static func firstTable(_ page: String) -> [String: [String]] {
        let table = page.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
        var rows: [String: [String]] = [:]
        for line in table.split(separator: "\n") where line.hasPrefix("<tr") {
            let header = line.components(separatedBy: "<th scope=\"row\">")[1].components(separatedBy: "</th>")[0]
            let name = header.replacingOccurrences(of: "<wbr>", with: "")
                .replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            rows[name] = line.components(separatedBy: "\">").dropFirst().compactMap { part -> String? in
                part.hasSuffix("</td") || part.contains("</td>") ? String(part.prefix { $0 != "<" }) : nil
            }
        }
        return rows
    }

    @Test(
        "a compare page per module type and per layer: runs as columns by label, rows in model order, cells from the dataset"
    )
    func comparePages() throws {
        var dataset = Fixtures.dataset()
        dataset.runs[0].label = "Full fine-tune"
        let directory = try ReadingEpsilonTests.render(
            dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([0.7, 0.5])))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = Set(Fixtures.files(in: directory))
        for page in [
            "compare/module-attention.self.query.html", "compare/module-attention.self.value.html",
            "compare/layer-0.html", "compare/layer-1.html",
        ] {
            #expect(written.contains(page), "\(page)")
        }
        let layer = Fixtures.read(directory + "/compare/layer-0.html")
        // Columns: the runs by label, with their swatches; rows: query before value.
        #expect(layer.contains("<th scope=\"col\" class=\"run\"><svg") && layer.contains("</svg> Full fine-tune</th>"))
        let query = try #require(layer.range(of: ">attention.<wbr>self.<wbr>query</a>"))
        let value = try #require(layer.range(of: ">attention.<wbr>self.<wbr>value</a>"))
        #expect(query.lowerBound < value.lowerBound)
        #expect(
            layer.contains("<h2 id=\"intruders-0\">Intruders at ε = 0.70</h2>")
                && layer.contains("<h2 id=\"intruders-1\">Intruders at ε = 0.50 (also read)</h2>"))
        let rows = Self.firstTable(layer)
        for (position, base) in dataset.base.matrices.enumerated() where base.layer == 0 {
            let expected = dataset.runs.map {
                String($0.matrices[position].maxCosineTopK.filter { Double($0) < 0.7 }.count)
            }
            #expect(rows[base.module] == expected, "\(base.module): \(rows[base.module] ?? [])")
        }
        let total = dataset.runs.map { run in
            String(
                run.matrices.filter { $0.name.contains("layer.0.") }.map {
                    $0.maxCosineTopK.filter { Double($0) < 0.7 }.count
                }.reduce(0, +))
        }
        #expect(rows["all 2 matrices"] == total)
        let module = Fixtures.read(directory + "/compare/module-attention.self.query.html")
        #expect(
            module.contains(">layer 0</a>")
                && module.contains("href=\"../matrices/encoder.layer.1.attention.self.query.weight.html\""))
        #expect(module.contains("unchanged") == false)  // query is changed in both runs
        #expect(
            Fixtures.read(directory + "/modules/attention.self.query.html")
                .contains("href=\"../compare/module-attention.self.query.html\">side by side</a>"))
        #expect(Fixtures.read(directory + "/index.html").contains("<a href=\"compare/layer-1.html\">layer 1</a>"))
        let css = try #require(EmbeddedTemplates.files["style.css"])
        #expect(
            css.contains(
                "table.compare th[scope=\"row\"], table.compare thead th:first-child {\n  position: sticky; left: 0;"))
    }

    @Test(
        "matrix pages: a section id per run, a run picker linking them, and every run's similarity heat map in one grid"
    )
    func matrixPages() throws {
        var dataset = Fixtures.dataset()
        dataset.runs[1].label = "LoRA r=4"
        let directory = try ReadingEpsilonTests.render(dataset, ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let page = Fixtures.read(directory + "/matrices/encoder.layer.0.attention.self.query.weight.html")
        #expect(
            page.contains("<h2 id=\"run-full-ft\">Run full-ft <svg")
                && page.contains("<h2 id=\"run-lora-r4\">Run LoRA r=4 <svg"))
        #expect(page.contains("<nav class=\"runs\" aria-label=\"runs\">Runs: <a href=\"#run-full-ft\">"))
        #expect(page.contains("</svg> LoRA r=4</a>"))
        let tiles = page.components(separatedBy: "<figure class=\"tile\">").dropFirst()
        #expect(tiles.count == 2)
        for (tile, run) in zip(tiles, ["full-ft", "lora-r4"]) {
            #expect(
                tile.hasPrefix(
                    "<a href=\"#run-\(run)\"><img src=\"../charts/matrices/encoder.layer.0.attention.self.query.weight/\(run)-similarity.svg\""
                ))
        }
        // Without chart files the grid repeats the inline heat maps.
        let bare = try ReadingEpsilonTests.render(dataset, ReportOptions(writeChartFiles: false))
        defer { try? FileManager.default.removeItem(atPath: bare) }
        let inline = Fixtures.read(bare + "/matrices/encoder.layer.0.attention.self.query.weight.html")
        #expect(inline.contains("<figure class=\"tile\"><a href=\"#run-full-ft\"><svg") && !inline.contains("<img"))
    }

    @Test("the single file has no side-by-side pages or grid, and its run anchors are unique across matrices")
    func singleFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SiteGenerator(options: ReportOptions(singleFileMatrixLimit: 4)).generateSingleFile(
            Fixtures.dataset(), to: directory + "/one.html")
        let text = Fixtures.read(directory + "/one.html")
        #expect(!text.contains("compare/") && !text.contains("class=\"tile\""))
        let ids = text.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(ids).count == ids.count)
        #expect(text.contains("<h2 id=\"matrix-encoder.layer.0.attention.self.query.weight-run-lora-r4\">"))
        #expect(text.contains("href=\"#matrix-encoder.layer.0.attention.self.query.weight-run-lora-r4\""))
    }
}
