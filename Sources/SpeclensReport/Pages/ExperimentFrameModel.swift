/// Values of `experiments.html`: the frame of a multi-experiment site's index page.
struct ExperimentFrameModel: TemplateModel {
    let title: String
    let content: HTMLText
    /// The site's URL under `--base-url` (validated; HTML-escaped by the template), nil for none.
    let canonical: String?
    let version: String

    var templateFields: [String: TemplateValue] {
        [
            "title": .text(title), "content": .markup(content), "version": .text(version),
            "canonical": .text(canonical ?? ""), "hasCanonical": .flag(canonical != nil),
        ]
    }
}
