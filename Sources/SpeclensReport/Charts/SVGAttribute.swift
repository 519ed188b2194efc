/// One attribute of an `SVGElement`, kept as a value until the element is written.
enum SVGAttribute: Sendable {
    /// `name="value"`; the value is plain text, escaped when written.
    case plain(name: String, value: String)
    /// `class="…"`: the element's CSS classes (written as presentation attributes in the paper
    /// style).
    case classes([SVGClass])

    /// `name="value"`, or nothing when `value` is nil.
    static func optional(_ name: String, _ value: String?) -> SVGAttribute? {
        value.map { .plain(name: name, value: $0) }
    }

    /// The classes, or nothing when there are none.
    static func optional(classes: [SVGClass]) -> SVGAttribute? {
        classes.isEmpty ? nil : .classes(classes)
    }
}
