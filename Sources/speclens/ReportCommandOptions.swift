import ArgumentParser
import SpeclensReport

/// Options of the commands that write a site.
struct ReportCommandOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Folder to write the site into.")
    var output = "Site"

    @Option(help: ArgumentHelp(
        "Folder of templates replacing the built-in ones of the same file name.",
        valueName: "dir"))
    var templates: String?

    var options: ReportOptions {
        ReportOptions(templatesDirectory: templates)
    }
}
