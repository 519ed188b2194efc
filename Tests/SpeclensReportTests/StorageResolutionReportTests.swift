import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Effective ranks near storage resolution")
struct StorageResolutionReportTests {
    static let names = [
        "encoder.layer.0.attention.self.query.weight", "encoder.layer.0.attention.self.value.weight",
        "encoder.layer.1.attention.self.query.weight", "encoder.layer.1.attention.self.value.weight",
    ]

    /// The matrices table rows of `index` (one line each), by matrix name.
    static func row(_ index: String, _ name: String) -> String {
        index.split(separator: "\n").first { $0.hasPrefix("<tr><th scope=\"row\"><a href=\"matrices/\(name).html\"") }
            .map(String.init) ?? ""
    }

    @Test(
        "a run with 3 of 4 changed matrices flagged gets the run-level caveat once, naming the counts and storage formats; the other run none"
    )
    func runCaveat() throws {
        let dataset = TrustFixtures.withStorage()
        #expect(dataset.runs.map(\.summary.nearStorageResolution) == [true, false])
        let (directory, _) = try TrustFixtures.render(dataset)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        let caveat =
            "<p class=\"caveat\"><strong>Near storage resolution.</strong> Run full-ft: 3 of 4 changed matrices are near storage resolution, so its effective ranks depend on the rounding floor of its storage format (W0 BF16, Wt BF16)"
        #expect(index.components(separatedBy: caveat).count - 1 == 1)
        #expect(!index.contains("Run lora-r4: "))
        #expect(ChosenEpsilonTests.runRow(index, id: "full-ft").contains { $0.hasPrefix("11.50 ") })
        #expect(
            index.contains(
                "<td class=\"num\">11.50 <span class=\"caveat\" title=\"near storage resolution: depends on the rounding floor of the storage format\">†</span></td><td class=\"num\">4</td>"
            ))
    }

    @Test("a run with 1 of 4 flagged gets a quieter note, not the caveat")
    func partial() throws {
        let dataset = TrustFixtures.withStorage(flagged: [1])
        #expect(
            dataset.runs[0].summary.nearStorageResolution == false
                && dataset.runs[0].summary.nearStorageResolutionMatrices == 1)
        let (directory, _) = try TrustFixtures.render(dataset)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(!index.contains("<p class=\"caveat\">"))
        #expect(
            index.contains(
                "<p class=\"note\">Run full-ft: 1 of 4 changed matrices are near storage resolution (marked †)"))
    }

    @Test(
        "the effective rank carries the mark exactly for flagged matrices: in the matrices table, the heat map and its CSV, and on the matrix page"
    )
    func marks() throws {
        let flagged: Set<Int> = [0, 2]
        let (directory, _) = try TrustFixtures.render(TrustFixtures.withStorage(flagged: flagged))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        for (position, name) in Self.names.enumerated() {
            let marks = Self.row(index, name).components(separatedBy: "<span class=\"caveat\"").count - 1
            #expect(marks == (flagged.contains(position) ? 1 : 0), "\(name)")
            let page = Fixtures.read(directory + "/matrices/\(name).html")
            #expect(
                (page.components(separatedBy: "<strong>Near storage resolution.</strong>").count - 1)
                    == (flagged.contains(position) ? 1 : 0), "\(name)")
            #expect(page.contains("storage format of W0: BF16"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">storage format of W0 / Wt</th><td class=\"num\">BF16 / BF16</td></tr>"))
            // The LoRA run's exact update has no stored Wt; its matrix 3 is unchanged.
            #expect(
                page.contains(
                    position == 3
                        ? "<td class=\"num\">BF16 / unchanged</td>"
                        : "<td class=\"num\">BF16 / none: the exact update s·B·A from the adapter&#39;s factors</td>"),
                "\(name)")
        }
        #expect(
            index.contains(
                "<p class=\"note\">† near storage resolution: this effective rank depends on the rounding floor"))
        let csv = Fixtures.read(directory + "/charts/overview/effective-rank-full-ft.csv")
        let rows = TrustFixtures.column("matrix", in: csv)
        let flags = TrustFixtures.column("near_storage_resolution", in: csv)
        #expect(Set(zip(rows, flags).filter { $0.1 == "1" }.map(\.0)) == Set(flagged.map { Self.names[$0] }))
        let svg = Fixtures.read(directory + "/charts/overview/effective-rank-full-ft.svg")
        #expect(svg.components(separatedBy: ": near storage resolution</title></polygon>").count - 1 == flagged.count)
        #expect(
            !Fixtures.read(directory + "/charts/overview/effective-rank-lora-r4.svg").contains(
                "near storage resolution"))
        let page = Fixtures.read(directory + "/matrices/\(Self.names[0]).html")
        #expect(
            page.contains("Only 16 of ΔW’s 16 singular values") || page.contains("Only 16 of ΔW's 16 singular values"))
        #expect(page.contains("the rounding floor of the storage formats is 0.004"))
    }

    @Test("without flagged matrices nothing is marked")
    func none() throws {
        let (directory, written) = try TrustFixtures.render(TrustFixtures.withStorage(flagged: []))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for path in written where path.hasSuffix(".html") || path.hasSuffix(".svg") {
            let text = Fixtures.read(directory + "/" + path)
            #expect(!text.contains("near storage resolution") && !text.contains("Near storage resolution"), "\(path)")
        }
    }
}
