import SpeclensAnalysis

/// A manifest's `options` names an option the command does not have.
struct ManifestOptionFailure: Error, CustomStringConvertible {
    let manifest: String
    let option: ManifestOption
    let command: String

    var description: String {
        "\(manifest)\(option.line.map { ", line \($0)" } ?? ""): `options` names `\(option.name)`, which `speclens \(command)` "
            + "does not have; use the names of `speclens \(command) --help` in snake_case (e.g. top_k, include_heads)"
    }
}
