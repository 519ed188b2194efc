import Foundation
import SpeclensDataset
import Synchronization
import Testing

@testable import SpeclensReport

/// Every `{{name}}` a template uses is a value of the models it is rendered with: the names each
/// model gives (`templateFields`), followed into sections as Mustache does (a name inside a
/// section is looked up in the section's element, then in the enclosing ones).
@Suite("Template names")
struct TemplateNamesTests {
    /// The names a template's models give, with the names of the elements of each section value:
    /// the union over every render of the template and every element of a list.
    final class Shape {
        var names: [String: Shape] = [:]

        /// Adds the names of `value` (a model, a list of models, or a leaf).
        func merge(_ value: TemplateValue) {
            switch value {
            case .fields(let fields):
                for (name, field) in fields { Self.entry(name, in: &names).merge(field) }
            case .list(let elements):
                for element in elements { merge(element) }
            case .typedList(let elements, let prototype):
                for element in elements + [prototype] { merge(element) }
            case .text, .markup, .flag:
                break
            }
        }

        /// The shape of `name` in `shapes`, added when it is not there yet.
        static func entry(_ name: String, in shapes: inout [String: Shape]) -> Shape {
            if let shape = shapes[name] { return shape }
            let shape = Shape()
            shapes[name] = shape
            return shape
        }
    }

    /// Each template's shape, from rendering `dataset` as a site, as a single file and in a site of
    /// experiments, with every template observed.
    static func shapes(_ dataset: SpectralDataset) throws -> [String: Shape] {
        let seen = Mutex<[(String, TemplateValue)]>([])
        var templates = try TemplateSet(overrideDirectory: nil)
        templates.observer = { name, model in seen.withLock { $0.append((name, model)) } }
        let options = ReportOptions(readingEpsilons: try ReadingEpsilons([0.5, 0.7]))
        let reading = try DatasetReading(dataset, options: options)
        let layouts: [any ReportLayout] = [
            SiteLayout(options: options), SingleFileLayout(detailMatrices: Array(dataset.base.matrices.indices)),
        ]
        for layout in layouts {
            var context = SiteContext(reading: reading, options: options, templates: templates, layout: layout)
            for step in layout.steps { try step.run(in: &context) }
        }
        let source = ExperimentSource(name: "fixture", source: "fixture.json", dataset: dataset, bytes: Data())
        _ = try ExperimentSiteGenerator(options: options).indexPage(
            [source], folders: ["fixture"], templates: templates)
        var shapes: [String: Shape] = [:]
        for (name, model) in seen.withLock({ $0 }) { Shape.entry(name, in: &shapes).merge(model) }
        return shapes
    }

    /// The names `template` uses that no model gives where they are used, in words.
    static func unknownNames(in template: String, shape: Shape) -> [String] {
        var scopes: [Shape] = [shape]
        var unknown: [String] = []
        func lookup(_ name: String) -> Shape? {
            let head = String(name.split(separator: ".").first ?? "")
            return scopes.reversed().lazy.compactMap { $0.names[head] }.first
        }
        for tag in tags(template) {
            switch tag.first {
            case "#", "^":
                let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                let found = lookup(name)
                if found == nil { unknown.append("section \(name)") }
                scopes.append(found ?? Shape())
            case "/":
                if scopes.count > 1 { scopes.removeLast() }
            case "!", "%", ">":
                continue
            default:
                let name = tag.trimmingCharacters(in: CharacterSet(charactersIn: "{}&").union(.whitespaces))
                if name != ".", lookup(name) == nil { unknown.append(name) }
            }
        }
        return unknown
    }

    /// The contents of the template's tags (`{{…}}` and `{{{…}}}`), in order.
    static func tags(_ template: String) -> [String] {
        var tags: [String] = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            guard let close = rest[open.upperBound...].range(of: closer) else { break }
            tags.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return tags
    }

    @Test("every name each template uses is given by its models, also inside sections")
    func everyNameExists() throws {
        let shapes = try Self.shapes(Self.fullyPopulated())
        let templates = EmbeddedTemplates.files.filter { $0.key.hasSuffix(".md") || $0.key.hasSuffix(".html") }
        #expect(Set(shapes.keys) == Set(templates.keys), "a template was not rendered")
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            guard let shape = shapes[name] else { continue }
            let unknown = Self.unknownNames(in: text, shape: shape)
            #expect(unknown.isEmpty, "\(name) uses names its model does not give: \(unknown.joined(separator: ", "))")
        }
    }

    @Test("a name no model gives is found, at the top and inside a section")
    func unknownFound() {
        let shape = Shape()
        shape.merge(.fields(["runs": .list([.fields(["id": .text("a")])]), "title": .text("t")]))
        #expect(
            Self.unknownNames(
                in: "{{title}} {{#runs}}{{id}} {{title}} {{{nope}}}{{/runs}} {{id}} {{^gone}}{{/gone}}", shape: shape)
                == ["nope", "id", "section gone"])
    }

    /// A dataset that fills every list the templates iterate: the fixture with null controls,
    /// span fractions, storage flags, notes, a probe, LoRA measures, a mitigated run, tags,
    /// metrics, a stack, skipped tensors and warnings.
    static func fullyPopulated() -> SpectralDataset {
        var dataset = UpdatesPageTests.dataset()
        let trusted = TrustFixtures.all()
        for (index, run) in trusted.runs.enumerated() {
            dataset.runs[index].matrices = run.matrices
            dataset.runs[index].summary = run.summary
            dataset.runs[index].notes = run.notes
        }
        dataset.base.matrices = trusted.base.matrices
        dataset.parameters = trusted.parameters
        dataset.runs[0].tags = ["rank": .number(1)]
        dataset.runs[0].metrics = ["accuracy": 0.9]
        dataset.runs[1].tags = ["rank": .number(4)]
        dataset.runs[1].metrics = ["accuracy": 0.8]
        return dataset
    }
}
