import Testing

@testable import SpeclensReport

@Suite("SVG elements")
struct SVGElementTests {
    static let line = SVGElement(
        "line",
        [
            .plain(name: "x1", value: "1"), .classes([.ax, .grid]), .plain(name: "stroke-width", value: "2"), nil,
        ])

    @Test("an element writes its attributes in order, classes as class=\"…\", and leaves out nil attributes")
    func web() {
        #expect(
            Self.line.lines(paper: false).map(\.escaped) == ["<line x1=\"1\" class=\"ax grid\" stroke-width=\"2\"/>"])
    }

    @Test("the paper style puts the classes' presentation attributes first, except those the element sets")
    func paper() {
        // .ax gives stroke; .grid's stroke is already given and its stroke-width is set by the element.
        #expect(
            Self.line.lines(paper: true).map(\.escaped) == ["<line stroke=\"#000000\" x1=\"1\" stroke-width=\"2\"/>"])
    }

    @Test("text, tooltips and attribute values are XML-escaped when written")
    func escaping() {
        let text = SVGElement("text", [.plain(name: "aria-label", value: "a\"b")], content: .text("<x>&"))
        #expect(text.lines(paper: false).map(\.escaped) == ["<text aria-label=\"a&quot;b\">&lt;x&gt;&amp;</text>"])
        let rect = SVGElement("rect", [], content: .tooltip("j < 3"))
        #expect(rect.lines(paper: false).map(\.escaped) == ["<rect><title>j &lt; 3</title></rect>"])
    }

    @Test("a group writes its children one per line between its opening and closing lines")
    func group() {
        var svg = SVGBuilder(width: 10, height: 10, title: "t", description: "d")
        svg.group(classes: [.legend], label: "l") { svg in
            svg.text("a", x: 1, y: 2)
        }
        #expect(
            svg.elements.flatMap { $0.lines(paper: false) }.map(\.escaped)
                == ["<g class=\"legend\" aria-label=\"l\">", "<text x=\"1\" y=\"2\" class=\"lbl\">a</text>", "</g>"])
        #expect(
            svg.elements.flatMap { $0.lines(paper: true) }.map(\.escaped)
                == ["<g aria-label=\"l\">", "<text x=\"1\" y=\"2\">a</text>", "</g>"])
    }
}
