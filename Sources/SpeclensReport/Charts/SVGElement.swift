/// One element of a chart as values: its name, attributes in order and content. Text and
/// attribute values are escaped only when the element is written, so nothing is ever read back
/// out of written SVG.
struct SVGElement: Sendable {
    /// What is inside the element.
    enum Content: Sendable {
        /// Nothing: written as `<name …/>`.
        case empty
        /// Text: `<name …>text</name>`.
        case text(String)
        /// A tooltip: `<name …><title>text</title></name>`.
        case tooltip(String)
        /// Child elements, one per line between `<name …>` and `</name>`.
        case children([SVGElement])
    }

    let name: String
    let attributes: [SVGAttribute]
    let content: Content

    /// An element; nil attributes are left out.
    init(_ name: String, _ attributes: [SVGAttribute?], content: Content = .empty) {
        self.name = name
        self.attributes = attributes.compactMap { $0 }
        self.content = content
    }

    /// The element's lines: one line, or for an element with children an opening line, the
    /// children's lines and a closing line. With `paper`, classes become the paper style's
    /// presentation attributes, placed first, except those the element sets itself.
    func lines(paper: Bool) -> [XMLText] {
        let head: XMLText = "<\(name)\(attributeText(paper: paper))"
        switch content {
        case .empty:
            return [head + "/>"]
        case .text(let text):
            return ["\(head)>\(text)</\(name)>"]
        case .tooltip(let text):
            return ["\(head)><title>\(text)</title></\(name)>"]
        case .children(let children):
            return [head + ">"] + children.flatMap { $0.lines(paper: paper) } + ["</\(name)>"]
        }
    }

    private func attributeText(paper: Bool) -> XMLText {
        var text = XMLText.empty
        if paper {
            var named = Set(
                attributes.compactMap { attribute -> String? in
                    if case .plain(let name, _) = attribute { return name }
                    return nil
                })
            for case .classes(let classes) in attributes {
                for (name, value) in classes.flatMap(\.paperAttributes) where !named.contains(name) {
                    text += " \(name)=\"\(value)\""
                    named.insert(name)
                }
            }
        }
        for attribute in attributes {
            switch attribute {
            case .plain(let name, let value):
                text += " \(name)=\"\(value)\""
            case .classes(let classes):
                if !paper { text += " class=\"\(classes.map(\.rawValue).joined(separator: " "))\"" }
            }
        }
        return text
    }
}
