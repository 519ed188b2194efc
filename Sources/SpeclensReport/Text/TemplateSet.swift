import Foundation
import Mustache

/// The report's templates: the embedded ones, with files of an override folder replacing those
/// of the same name. Markdown templates (`.md`) escape `{{values}}` for Markdown and are turned
/// into HTML by cmark; `.html` templates escape for HTML; other files (`style.css`) are copied.
struct TemplateSet: Sendable {
    /// File name → text, after overrides.
    let files: [String: String]
    private let library: MustacheLibrary
    /// Told each template's name and the model it is rendered with, before it is rendered; nil
    /// in a report (a test checks every name a template uses against the models it is given).
    var observer: (@Sendable (_ template: String, _ model: TemplateValue) -> Void)?

    /// Loads and compiles the templates; throws `ReportError` naming a bad folder or file.
    init(overrideDirectory: String?) throws {
        _ = MarkdownContentType.registered
        var files = EmbeddedTemplates.files
        if let directory = overrideDirectory {
            for (name, text) in try TemplateSet.readDirectory(directory) {
                files[name] = text
            }
        }
        var library = MustacheLibrary()
        for name in files.keys.sorted() {
            let text = files[name]!
            let source: String
            if name.hasSuffix(".md") {
                // The pragma is prepended on the first line without a line break, so line numbers
                // in error messages stay those of the file.
                source = "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}" + text
            } else if name.hasSuffix(".html") {
                source = text
            } else {
                continue
            }
            do {
                library.register(try MustacheTemplate(string: source), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw ReportError.templateSyntax(
                    file: name,
                    message: "line \(error.context.lineNumber), column \(error.context.columnNumber): "
                        + "\(error.error) near \(error.context.line.trimmingCharacters(in: .whitespaces))")
            } catch {
                throw ReportError.templateSyntax(file: name, message: "\(error)")
            }
        }
        self.files = files
        self.library = library
    }

    /// Renders Markdown template `name` (e.g. `overview.md`) with `model`; its `{{values}}` are
    /// escaped for Markdown.
    func markdown(_ name: String, _ model: some TemplateModel) throws -> MarkdownText {
        MarkdownText(trustedMarkup: try render(name, model))
    }

    /// Renders HTML template `name` (e.g. `layout.html`) with `model`; its `{{values}}` are
    /// escaped for HTML.
    func html(_ name: String, _ model: some TemplateModel) throws -> HTMLText {
        HTMLText(trustedMarkup: try render(name, model))
    }

    private func render(_ name: String, _ model: some TemplateModel) throws -> String {
        guard files[name] != nil else { throw ReportError.templateMissing(file: name) }
        let value = TemplateValue.model(model)
        observer?(name, value)
        guard let text = library.render(value.mustacheValue, withTemplate: name) else {
            throw ReportError.templateRenderFailed(file: name)
        }
        return text
    }

    /// The text of a non-template file (e.g. `style.css`).
    func text(_ name: String) throws -> String {
        guard let text = files[name] else { throw ReportError.templateMissing(file: name) }
        return text
    }

    private static func readDirectory(_ path: String) throws -> [String: String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReportError.templatesDirectoryUnreadable(path: path, reason: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw ReportError.templatesDirectoryUnreadable(path: path, reason: "not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ReportError.templatesDirectoryUnreadable(
                path: path, reason: error.localizedDescription)
        }
        var result: [String: String] = [:]
        for name in names.sorted() where !name.hasPrefix(".") {
            let full = (path as NSString).appendingPathComponent(name)
            var fileIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &fileIsDirectory),
                !fileIsDirectory.boolValue
            else { continue }
            guard let data = FileManager.default.contents(atPath: full),
                let text = String(data: data, encoding: .utf8)
            else { throw ReportError.templateUnreadable(path: full) }
            result[name] = text
        }
        return result
    }
}
