/// A page model, or a part of one, that a template renders: it names each of its values with
/// their `TemplateValue` kind (the key is the name the template uses).
protocol TemplateModel {
    /// The values by template name.
    var templateFields: [String: TemplateValue] { get }
}
