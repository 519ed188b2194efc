/// Settings of a report rendering.
public struct ReportOptions: Sendable {
    /// A folder of template files overriding the embedded ones of the same name (e.g.
    /// `overview.md`, `matrix.md`, `layout.html`, `style.css`); nil uses the embedded templates.
    public var templatesDirectory: String? = nil
    /// Write a standalone `.svg` and a `.csv` of the numbers for every chart (default true).
    public var writeChartFiles: Bool = true

    /// Creates options; every setting has a default.
    public init(templatesDirectory: String? = nil, writeChartFiles: Bool = true) {
        self.templatesDirectory = templatesDirectory
        self.writeChartFiles = writeChartFiles
    }
}
