import ArgumentParser
import Foundation
import SpeclensAnalysis

/// The options an experiment manifest carries (`options:`), spliced into the command line of
/// `analyze` and `report` before it is parsed: `top_k: 16` becomes `--top-k 16`, a list repeats
/// the option, `true` gives a flag and `false` leaves it out. An option the command line gives
/// itself (or its `--no-` form) keeps the command line's value: the command line overrides.
enum ManifestArguments {
    /// The commands whose manifests' options are read.
    static let commands: [String: any ParsableCommand.Type] = ["analyze": Analyze.self, "report": Report.self]

    /// `arguments` (without the program name) with the manifest's options inserted after the
    /// command name; unchanged without `--manifest` or when the manifest cannot be read (the
    /// command then reports that itself).
    /// - Throws: ``ManifestOptionFailure`` for an option the command does not have.
    static func expanded(_ arguments: [String]) throws -> [String] {
        guard let command = arguments.first, let type = commands[command],
            let path = value(of: "--manifest", in: arguments),
            let manifest = try? ExperimentManifest.read(path: path), !manifest.options.isEmpty
        else { return arguments }
        let known = Set(type.helpMessage(columns: 10_000).matches(of: /--[a-z0-9-]+/).map { String($0.output) })
        var inserted: [String] = []
        for option in manifest.options {
            let flag = "--" + option.name.replacingOccurrences(of: "_", with: "-")
            guard known.contains(flag), flag != "--manifest" else {
                throw ManifestOptionFailure(manifest: path, option: option, command: command)
            }
            let given = arguments.contains {
                $0 == flag || $0.hasPrefix(flag + "=") || $0 == "--no-" + flag.dropFirst(2)
            }
            if given { continue }
            switch option.values {
            case ["true"]: inserted.append(flag)
            case ["false"]: continue
            default: for value in option.values { inserted += [flag, value] }
            }
        }
        return [command] + inserted + arguments.dropFirst()
    }

    /// The value after `option` (`--manifest FILE` or `--manifest=FILE`).
    static func value(of option: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == option, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
        }
        return nil
    }
}
