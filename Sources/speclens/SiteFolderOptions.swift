import ArgumentParser

/// The site folder a command writes, and whether it may write into a folder of other files.
struct SiteFolderOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Folder to write the site into (default: Site).",
            valueName: "dir"))
    var output: String?

    @Flag(
        help: ArgumentHelp(
            "Write the site into an existing folder that is neither empty nor a speclens site (its other files are kept; "
                + "files of the same name as a site file are replaced)."))
    var force = false
}
