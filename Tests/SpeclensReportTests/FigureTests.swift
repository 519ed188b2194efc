import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// The fixture dataset with intruders-across-the-spectrum fractions (4 buckets) filled in.
func datasetWithFractions() -> SpectralDataset {
    var dataset = Fixtures.dataset()
    dataset.parameters.spectrumBuckets = 4
    for r in dataset.runs.indices {
        for m in dataset.runs[r].matrices.indices {
            dataset.runs[r].matrices[m].spectrumIntruderFractions = r == 0 ? [0, 0, 0, 0] : [0.25, 0, 0, 0.5]
        }
    }
    return dataset
}

@Suite("Figures")
struct FigureTests {
    @Test(
        "spectrum thinning keeps short spectra whole, and long ones: first 100 exact, log-spaced rest, last and intruder ranks"
    )
    func thinning() {
        #expect(SpectrumThinning.ranks(count: 384, limit: 600) == Array(0..<384))
        let ranks = SpectrumThinning.ranks(count: 4096, limit: 600, keep: [3001, 77])
        #expect(ranks.count <= 602 && ranks.count > 300)
        #expect(Array(ranks.prefix(100)) == Array(0..<100))
        #expect(ranks.contains(3001) && ranks.contains(4095))
        #expect(ranks == ranks.sorted() && Set(ranks).count == ranks.count)
    }

    @Test("bucket sizes follow ⌊(b+1)p/B⌋ − ⌊bp/B⌋ and aggregate fractions weight matrices by bucket size")
    func buckets() throws {
        #expect((0..<10).map { Aggregates.bucketSize(p: 384, buckets: 10, bucket: $0) }.reduce(0, +) == 384)
        #expect(
            Aggregates.bucketSize(p: 5, buckets: 2, bucket: 0) == 2
                && Aggregates.bucketSize(p: 5, buckets: 2, bucket: 1) == 3)
        var dataset = Fixtures.dataset()
        dataset.base.matrices[0].shape = [4, 4]
        dataset.base.matrices[1].shape = [12, 12]
        dataset.runs[0].matrices[0].spectrumIntruderFractions = [1, 0]
        dataset.runs[0].matrices[1].spectrumIntruderFractions = [0, 0.5]
        let index = try DatasetIndex(dataset)
        let fractions = Aggregates.spectrumFractions(
            index.comparisons(run: 0), bases: Array(dataset.base.matrices.prefix(2)), buckets: 2)
        // Bucket 0: (1·2 + 0·6) / 8; bucket 1: (0·2 + 0.5·6) / 8.
        #expect(fractions == [0.25, 0.375])
        #expect(
            Aggregates.spectrumFractions(index.comparisons(run: 1), bases: dataset.base.matrices, buckets: 2) == nil)
    }

    @Test("a 32 × 32 similarity heat map stays a few kilobytes and still parses as XML")
    func compactHeatmap() {
        let dataset = SevenBShapedDataset.make()
        let chart = SimilarityHeatmapChart.make(
            base: dataset.base.matrices[0], comparison: dataset.runs[1].matrices[0],
            run: dataset.runs[1], epsilon: 0.5, path: SitePath("x"))
        let svg = chart.svg.render(standalone: true).escaped
        #expect(svg.count < 14_000, "\(svg.count) bytes")
        #expect(!svg.contains("<rect x=\"64\" y=\"56\" width=\"10.63\""))
        #expect(XMLCheck.isWellFormed(svg).0)
        #expect(chart.csv.rows.count == 32 && chart.csv.rows[0].count == 33)
    }

    @Test("paper style: no style sheet, classes or CSS variables; serif; explicit px size; still XML")
    func paperStyle() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator(options: ReportOptions(figureStyle: .paper)).generate(
            datasetWithFractions(), into: directory)
        let svgs = written.filter { $0.hasSuffix(".svg") }
        #expect(!svgs.isEmpty)
        for path in svgs {
            let text = Fixtures.read(directory + "/" + path)
            #expect(
                !text.contains("class=") && !text.contains("<style") && !text.contains("var(")
                    && !text.contains("DejaVu"), "\(path)")
            #expect(
                text.contains("font-family=\"serif\"") && text.contains("px\" height=\"") && text.contains("<title>"),
                "\(path)")
            #expect(XMLCheck.isWellFormed(text).0, "\(path)")
        }
        // Pages keep the themed inline charts.
        #expect(
            Fixtures.read(directory + "/index.html").contains(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""))
    }

    @Test("module-type and layer pages exist, are linked both ways, and show the ε curve of their matrices")
    func groupPages() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(datasetWithFractions(), into: directory)
        #expect(
            written.contains("modules/attention.self.query.html")
                && written.contains("modules/attention.self.value.html"))
        #expect(written.contains("layers/layer-0.html") && written.contains("layers/layer-1.html"))
        let index = Fixtures.read(directory + "/index.html")
        #expect(
            index.contains("href=\"modules/attention.self.query.html\"")
                && index.contains("href=\"layers/layer-1.html\""))
        #expect(index.contains("Intruder dimensions versus ε by module type"))
        let module = Fixtures.read(directory + "/modules/attention.self.query.html")
        #expect(module.contains("Intruder dimensions versus ε (module type attention.self.query)"))
        #expect(module.contains("href=\"../matrices/encoder.layer.0.attention.self.query.weight.html\""))
        #expect(module.contains("lora-r4: 1"))  // the one intruder is in layer 0's query
        let matrix = Fixtures.read(directory + "/matrices/encoder.layer.0.attention.self.query.weight.html")
        #expect(
            matrix.contains("href=\"../modules/attention.self.query.html\"")
                && matrix.contains("href=\"../layers/layer-0.html\""))
        #expect(matrix.contains("orientation: out_in"))
        let csv = Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon-by-module.csv")
        #expect(csv.hasPrefix("\"module\",\"matrices\",\"epsilon\",\"full-ft\",\"lora-r4\"\n"))
        #expect(csv.contains("\"attention.self.query\",2,0.10,0,1\n"))
    }

    @Test("intruders across the spectrum: aggregate and per-matrix charts with CSV, or a clear note when not computed")
    func spectrumFractions() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(datasetWithFractions(), into: directory)
        #expect(written.contains("charts/overview/intruders-across-spectrum.svg"))
        #expect(
            written.contains(
                "charts/matrices/encoder.layer.0.attention.self.query.weight/intruders-across-spectrum.csv"))
        let csv = Fixtures.read(directory + "/charts/overview/intruders-across-spectrum.csv")
        #expect(
            csv.hasPrefix(
                "\"bucket\",\"rank_range\",\"full-ft (full)\",\"lora-r4 (LoRA r=4)\"\n0,\"0–25%\",0.000000,0.250000\n"))
        let index = Fixtures.read(directory + "/index.html")
        #expect(
            index.contains("computed over all of Wt’s singular vectors")
                || index.contains("computed over all of Wt's singular vectors"))
        #expect(!index.contains("were not computed"))

        let other = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: other) }
        let bare = try SiteGenerator().generate(Fixtures.dataset(), into: other)
        #expect(!bare.contains { $0.contains("intruders-across-spectrum") })
        #expect(
            Fixtures.read(other + "/index.html").contains(
                "Intruders across the spectrum were not computed for this dataset"))
        #expect(
            Fixtures.read(other + "/matrices/encoder.layer.0.attention.self.query.weight.html").contains(
                "were not computed"))
    }

    @Test("relative change heat maps per run, and the random baseline next to every count at ε")
    func changeAndBaselines() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(Fixtures.dataset(), into: directory)
        #expect(
            written.contains("charts/overview/relative-change-full-ft.svg")
                && written.contains("charts/overview/relative-change-lora-r4.csv"))
        let csv = Fixtures.read(directory + "/charts/overview/relative-change-full-ft.csv")
        #expect(csv.hasPrefix("\"module\",\"layer\",\"matrix\",\"relative_change\",\"intruders\",\"changed\"\n"))
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("n = 16: <strong>0.589</strong>, 4 matrices"))  // √(2 ln 16 / 16)
        #expect(index.contains(">baseline</th>") && index.contains("<td class=\"num\">0.589</td>"))
        let curve = Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.svg")
        #expect(curve.contains("n=16") && curve.contains("n = 16: 0.589"))
        let matrix = Fixtures.read(directory + "/matrices/encoder.layer.0.attention.self.query.weight.html")
        // The fixture's baselines are √(2 ln n / n) without a percentile: a dataset written before the Monte Carlo estimate.
        #expect(
            matrix.contains("<th scope=\"row\">random-direction baseline (n = 16)</th><td class=\"num\">0.589</td>"))
        #expect(
            matrix.contains("√(2 ln n / n), the asymptotic max |cos| of a random unit vector against a complete basis"))
    }
}

@Suite("Publishing")
struct PublishingTests {
    @Test(
        "--base-url accepts http(s) URLs and absolute paths, normalised to end with /",
        arguments: [
            ("https://example.org/reports/minilm", "https://example.org/reports/minilm/"),
            ("http://localhost:8000/", "http://localhost:8000/"),
            ("/reports/a&b/", "/reports/a&b/"),
            ("/", "/"),
        ])
    func acceptsBaseURL(input: String, expected: String) throws {
        #expect(try ReportOptions.validatedBaseURL(input) == expected)
    }

    @Test(
        "--base-url refuses other schemes, relative and protocol-relative paths, and markup",
        arguments: [
            "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "reports/minilm", "//evil.example/x",
            "https://", "https://x.org/\"><script>", "https://x.org/a b", "", "ftp://x.org/", "https://x.org/?q=1",
        ])
    func refusesBaseURL(input: String) {
        #expect(throws: ReportError.self) { try ReportOptions.validatedBaseURL(input) }
    }

    @Test("with a base URL every page has an escaped canonical link; without, none")
    func canonical() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let base = try ReportOptions.validatedBaseURL("/reports/a&b")
        let written = try SiteGenerator(options: ReportOptions(baseURL: base)).generate(
            Fixtures.dataset(), into: directory)
        #expect(
            Fixtures.read(directory + "/index.html").contains("<link rel=\"canonical\" href=\"/reports/a&amp;b/\">"))
        #expect(
            Fixtures.read(directory + "/modules/attention.self.query.html")
                .contains("<link rel=\"canonical\" href=\"/reports/a&amp;b/modules/attention.self.query.html\">"))
        for page in written where page.hasSuffix(".html") {
            #expect(Fixtures.read(directory + "/" + page).contains("rel=\"canonical\""), "\(page)")
        }
        let other = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: other) }
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: other)
        #expect(!Fixtures.read(other + "/index.html").contains("canonical"))
    }

    @Test(
        "the single file inlines CSS and SVG, links only within itself, and details the matrices with intruders first")
    func singleFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = ReportOptions(singleFileMatrixLimit: 1)
        let bytes = try SiteGenerator(options: options).generateSingleFile(
            datasetWithFractions(), to: directory + "/one.html")
        #expect(Fixtures.files(in: directory) == ["one.html"])
        let text = Fixtures.read(directory + "/one.html")
        #expect(text.utf8.count == bytes)
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.contains("<style>\n/* speclens report"))
        #expect(
            !text.contains("src=") && !text.contains("style.css\"") && !text.contains(".svg\"")
                && !text.contains(".csv\""))
        var rest = text[...]
        while let start = rest.range(of: "href=\"") {
            #expect(rest[start.upperBound...].hasPrefix("#"), "\(rest[start.upperBound...].prefix(40))")
            rest = rest[start.upperBound...]
        }
        // Only the matrix with the intruder gets a section, and the table links it.
        #expect(text.components(separatedBy: "<section class=\"matrix-detail\"").count == 2)
        #expect(text.contains("id=\"matrix-encoder.layer.0.attention.self.query.weight\""))
        #expect(text.contains("href=\"#matrix-encoder.layer.0.attention.self.query.weight\""))
        #expect(text.contains("Detail for 1 of 4 matrices"))
        #expect(SiteGenerator.singleFileSelection(Fixtures.dataset(), limit: 2) == [0, 1])
    }
}

@Suite("Themes")
struct ThemeTests {
    @Test(
        "theme colours never override a fill set on a chart element (heat-map cell labels stay readable in dark mode)")
    func explicitFillsWin() throws {
        let css = try #require(EmbeddedTemplates.files["style.css"])
        #expect(css.contains("svg.chart text:not([fill]) { fill: currentColor; }"))
        #expect(!css.contains("svg.chart text { fill"))
        #expect(css.contains("@media (prefers-color-scheme: dark)") && css.contains("@media print"))
        #expect(SVGBuilder.standaloneStyle.escaped.contains("text:not([fill]){fill:#222}"))
    }
}
