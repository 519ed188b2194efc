import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

@Suite("The analysis key of an experiment manifest")
struct ExperimentAnalysisKeyTests {
    @Test(
        "The key stays while nothing changes and changes with the manifest's bytes, a setting, a file's size or modification time below a folder (also through a link to the folder), or a file appearing"
    )
    func changes() throws {
        try TestFiles.withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/run/sub", withIntermediateDirectories: true)
            let weights = try TestFiles.write("abc", folder + "/run/sub", "model.safetensors")
            _ = try TestFiles.write("{}", folder + "/run", "config.json")
            try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/run")
            let base = try TestFiles.write("base", folder, "base.safetensors")
            func key(manifest: String = "base: x", settings: [String] = ["top-k 10"]) -> String {
                ExperimentAnalysisKey.key(
                    manifest: Data(manifest.utf8), settings: settings, inputs: [base, folder + "/link"])
            }
            let original = key()
            #expect(original.count == 64)
            #expect(key() == original)
            #expect(key(manifest: "base: y") != original)
            #expect(key(settings: ["top-k 5"]) != original)

            let date = try #require(
                try FileManager.default.attributesOfItem(atPath: weights)[.modificationDate] as? Date)
            try FileManager.default.setAttributes(
                [.modificationDate: date.addingTimeInterval(-60)], ofItemAtPath: weights)
            let touched = key()
            #expect(touched != original)
            try Data("abcd".utf8).write(to: URL(fileURLWithPath: weights))
            try FileManager.default.setAttributes(
                [.modificationDate: date.addingTimeInterval(-60)], ofItemAtPath: weights)
            #expect(key() != touched)  // same time, other size
            let resized = key()
            _ = try TestFiles.write("new", folder + "/run", "adapter_config.json")
            #expect(key() != resized)
            try FileManager.default.removeItem(atPath: base)
            #expect(key() != resized)
        }
    }
}
