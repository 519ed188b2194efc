import ArgumentParser
import Foundation

/// One experiment given to `speclens site`: a dataset file, or an experiment manifest to analyse.
struct SiteInput {
    enum Kind {
        /// A dataset file written by `analyze` (or a report's `dataset.json`).
        case dataset
        /// An experiment manifest (`.yaml`, `.yml`), analysed into the experiment's folder.
        case manifest
    }

    let kind: Kind
    /// The file, as found from the arguments.
    let path: String
    /// The name it is listed under: a dataset file's stem (its folder's name for a
    /// `dataset.json`), a manifest's stem.
    let name: String

    /// Whether `path` names an experiment manifest (by its extension, `.yaml` or `.yml`).
    static func isManifest(_ path: String) -> Bool {
        ["yaml", "yml"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// The input at `path`, by its extension.
    static func file(_ path: String) -> SiteInput {
        isManifest(path)
            ? SiteInput(
                kind: .manifest, path: path, name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
            : SiteInput(kind: .dataset, path: path, name: name(ofDataset: path))
    }

    /// The experiments of the arguments, in order: a file is a manifest (`.yaml`, `.yml`) or a
    /// dataset; a folder is its dataset.json, else every *.json file, *.yaml / *.yml manifest and
    /// sub-folder holding a dataset.json in it, in name order.
    static func list(_ arguments: [String]) throws -> [SiteInput] {
        let fileManager = FileManager.default
        var inputs: [SiteInput] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue else {
                inputs.append(file(argument))
                continue
            }
            let folder = URL(fileURLWithPath: argument)
            let own = folder.appending(path: "dataset.json").path
            if fileManager.fileExists(atPath: own) {
                inputs.append(file(own))
                continue
            }
            let entries =
                (try? fileManager.contentsOfDirectory(atPath: argument))?.filter { !$0.hasPrefix(".") }.sorted() ?? []
            var found = 0
            for entry in entries {
                let path = folder.appending(path: entry).path
                var entryIsFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: path, isDirectory: &entryIsFolder) else { continue }
                if !entryIsFolder.boolValue, isManifest(entry) {
                    inputs.append(file(path))
                    found += 1
                    continue
                }
                let dataset = entryIsFolder.boolValue ? path + "/dataset.json" : path
                guard entry.hasSuffix(".json") || entryIsFolder.boolValue, fileManager.fileExists(atPath: dataset),
                    entry != "experiments.json"
                else { continue }
                inputs.append(file(dataset))
                found += 1
            }
            if found == 0 {
                throw ValidationError(
                    "\(argument) holds no dataset (no dataset.json, no *.json file, no sub-folder with a dataset.json) and no manifest (*.yaml, *.yml)"
                )
            }
        }
        return inputs
    }

    /// An experiment's name: the file's stem, or its folder's name for a `dataset.json`.
    static func name(ofDataset path: String) -> String {
        let url = URL(fileURLWithPath: path)
        if url.lastPathComponent == "dataset.json" {
            let folder = url.deletingLastPathComponent().lastPathComponent
            if !folder.isEmpty, folder != "/", folder != "." { return folder }
        }
        return url.deletingPathExtension().lastPathComponent
    }
}
