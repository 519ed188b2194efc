import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// Renders a dataset file for manual inspection when `SPECLENS_PREVIEW_DATASET` and
/// `SPECLENS_PREVIEW_OUTPUT` are set (e.g. to look at the site in a browser); otherwise does nothing.
@Suite("Preview")
struct PreviewTests {
    @Test("renders SPECLENS_PREVIEW_DATASET into SPECLENS_PREVIEW_OUTPUT when both are set")
    func preview() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let input = environment["SPECLENS_PREVIEW_DATASET"], let output = environment["SPECLENS_PREVIEW_OUTPUT"]
        else {
            return
        }
        let dataset = try DatasetCoding.read(from: input)
        let written = try SiteGenerator().generate(dataset, into: output)
        #expect(written.contains("index.html"))
    }
}
