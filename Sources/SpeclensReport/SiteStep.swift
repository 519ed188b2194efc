/// One named step of the site generation pipeline (in the manner of Publish's steps).
protocol SiteStep {
    /// A short name for messages.
    var name: String { get }
    /// Adds the step's files to `context`.
    func run(in context: inout SiteContext) throws
}
