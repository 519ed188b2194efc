import Foundation
import SpeclensDataset
import SpeclensReport

/// Decodes the input with `DatasetCoding.decode(_:path:)` and renders what decodes end to end: the
/// whole site with `SiteGenerator.generate(_:into:)` into a scratch folder, and the single-file
/// report. Thrown errors are expected; only crashes, sanitizer findings, hangs and huge
/// allocations are findings.
enum DatasetRenderTarget {
    /// A private scratch folder for this process, removed at exit.
    static let folder: String = {
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (root as NSString).appendingPathComponent("speclens-fuzz-dataset-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: DatasetRenderTarget.folder) }
        return path
    }()

    static func run(_ data: Data) {
        guard let dataset = try? DatasetCoding.decode(data, path: "dataset.json") else { return }
        let site = (folder as NSString).appendingPathComponent("site")
        let single = (folder as NSString).appendingPathComponent("report.html")
        defer {
            try? FileManager.default.removeItem(atPath: site)
            try? FileManager.default.removeItem(atPath: single)
        }
        let generator = SiteGenerator()
        if let written = try? generator.generate(dataset, into: site) {
            precondition(written.contains("index.html"), "the site has no index.html")
        }
        _ = try? generator.generateSingleFile(dataset, to: single)
    }
}
