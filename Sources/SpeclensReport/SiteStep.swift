/// One named step of a report rendering (in the manner of Publish's steps); each `ReportLayout`
/// lists its steps.
protocol SiteStep {
    /// A short name for messages.
    var name: String { get }
    /// Adds the step's pages, charts or files to `context`.
    func run(in context: inout SiteContext) throws
}
