import ArgumentParser
import Foundation
import SpeclensDataset

@main
struct Speclens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speclens",
        abstract: "Show what fine-tuning did to a model's weights, matrix by matrix.",
        discussion: """
            speclens compares every weight matrix of a pre-trained checkpoint with fine-tuned \
            ones (full fine-tunes or PEFT LoRA adapters) through their singular value \
            decompositions: intruder dimensions, singular-vector similarity, effective rank of \
            the update and spectra (Shuttleworth et al., "LoRA vs Full Fine-tuning: An Illusion \
            of Equivalence"). `analyze` writes a JSON dataset; `render` turns a dataset into a \
            static HTML/SVG site; `report` does both.
            """,
        version: ToolInfo.speclensVersion,
        subcommands: [
            Analyze.self, Render.self, Report.self, Site.self, Demo.self, Merge.self, Export.self, Mitigate.self,
            CacheCommand.self,
        ])

    /// Sets the process's allocator policy (``AllocatorPolicy``), then parses the arguments (with
    /// a manifest's options spliced in, ``ManifestArguments``) and runs the command.
    static func main() {
        AllocatorPolicy.apply()
        do {
            main(try ManifestArguments.expanded(Array(CommandLine.arguments.dropFirst())))
        } catch {
            FileHandle.standardError.write(Data("speclens: error: \(TerminalText.printable("\(error)"))\n".utf8))
            Foundation.exit(1)
        }
    }
}
