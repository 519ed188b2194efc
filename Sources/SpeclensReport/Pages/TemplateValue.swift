/// A value of a page model as a template sees it, typed by how it may be inserted.
///
/// Plain text is `text` and goes into `{{name}}`, which escapes it for the template's language
/// (Markdown in `.md` templates, HTML in `layout.html`). Markup is `markup` (an `HTMLText`, safe by
/// construction) and is the only kind meant for `{{{name}}}`. `mustacheValue` is the one place
/// where a model becomes the untyped value that swift-mustache renders.
enum TemplateValue: Sendable {
    /// Plain text, escaped by the template for its language.
    case text(String)
    /// HTML, inserted as it is by `{{{…}}}`.
    case markup(HTMLText)
    /// A condition for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
    case flag(Bool)
    /// A section repeated once per element.
    case list([TemplateValue])
    /// A section repeated once per model, of models shaped like `prototype` (rendered as `list`;
    /// the prototype says which names the section's elements give, even when there is none).
    indirect case typedList([TemplateValue], prototype: TemplateValue)
    /// A nested model: its named values.
    case fields([String: TemplateValue])

    /// A nested model.
    static func model(_ model: some TemplateModel) -> TemplateValue {
        .fields(model.templateFields)
    }

    /// A section repeated once per model.
    static func models(_ models: [some TemplateModel]) -> TemplateValue {
        .list(models.map { .fields($0.templateFields) })
    }

    /// A section repeated once per model, its elements' names stated by `prototype` even when
    /// `models` is empty.
    static func models<Model: TemplateModel>(_ models: [Model], prototype: Model) -> TemplateValue {
        .typedList(models.map { .fields($0.templateFields) }, prototype: .fields(prototype.templateFields))
    }

    /// What swift-mustache renders: `String`, `Bool`, `[Any]` (a sequence) or `[String: Any]`
    /// (looked up by name).
    var mustacheValue: Any {
        switch self {
        case .text(let text): return text
        case .markup(let markup): return markup.escaped
        case .flag(let flag): return flag
        case .list(let values), .typedList(let values, _): return values.map(\.mustacheValue)
        case .fields(let fields): return fields.mapValues(\.mustacheValue)
        }
    }
}
