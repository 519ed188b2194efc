import Foundation
import Testing

@testable import SpeclensReport

@Suite("Templates")
struct TemplateTests {
    @Test("the embedded templates include the layout, pages and style sheet")
    func embedded() {
        for name in ["layout.html", "overview.md", "matrix.md", "style.css"] {
            #expect(EmbeddedTemplates.files[name] != nil, "\(name)")
        }
    }

    @Test("a template folder overrides embedded files of the same name and keeps the others")
    func override() throws {
        let templates = try Fixtures.temporaryDirectory()
        let output = try Fixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: templates)
            try? FileManager.default.removeItem(atPath: output)
        }
        try "# Custom overview of {{baseName}}\n\n{{{epsilonFigure}}}\n".write(
            toFile: templates + "/overview.md", atomically: true, encoding: .utf8)
        try "body { color: red; }\n".write(toFile: templates + "/style.css", atomically: true, encoding: .utf8)
        let generator = SiteGenerator(options: ReportOptions(templatesDirectory: templates))
        _ = try generator.generate(Fixtures.dataset(), into: output)
        let index = Fixtures.read(output + "/index.html")
        #expect(index.contains("<h1>Custom overview of minilm</h1>"))
        #expect(index.contains("<!DOCTYPE html>"))
        #expect(Fixtures.read(output + "/style.css") == "body { color: red; }\n")
        #expect(
            Fixtures.read(output + "/matrices/encoder.layer.0.attention.self.query.weight.html").contains("Run full-ft")
        )
    }

    @Test("a broken template gives a templateSyntax error naming the file, and nothing is written")
    func brokenTemplate() throws {
        let templates = try Fixtures.temporaryDirectory()
        let output = try Fixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: templates)
            try? FileManager.default.removeItem(atPath: output)
        }
        try "# Broken\n\n{{#runs}}\nno end\n".write(toFile: templates + "/matrix.md", atomically: true, encoding: .utf8)
        let generator = SiteGenerator(options: ReportOptions(templatesDirectory: templates))
        do {
            _ = try generator.generate(Fixtures.dataset(), into: output)
            Issue.record("expected an error")
        } catch let error as ReportError {
            guard case .templateSyntax(let file, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(file == "matrix.md")
            #expect(error.description.contains("matrix.md"))
        }
        #expect(Fixtures.files(in: output).isEmpty)
    }

    @Test("a missing template folder gives templatesDirectoryUnreadable")
    func missingFolder() {
        let generator = SiteGenerator(options: ReportOptions(templatesDirectory: "/nonexistent/speclens-templates"))
        #expect(
            throws: ReportError.templatesDirectoryUnreadable(
                path: "/nonexistent/speclens-templates", reason: "no such folder")
        ) {
            _ = try generator.generate(Fixtures.dataset(), into: NSTemporaryDirectory() + "unused-speclens")
        }
    }
}
