/// Writes `style.css` from the templates.
struct CopyStylesheet: SiteStep {
    let name = "Copy style sheet"

    func run(in context: inout SiteContext) throws {
        try context.add("style.css", text: try context.templates.text("style.css"))
    }
}
