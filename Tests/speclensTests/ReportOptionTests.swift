import Foundation
import SpeclensDataset
import Testing

@Suite("Report options on the command line", .serialized)
struct ReportOptionTests {
    @Test(
        "render --single-file without -o writes only that file; with -o, the site too; --figure-style paper applies to the SVG files"
    )
    func singleFileAndPaper() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "demo"], in: folder).status == 0)
        let only = try CommandRunner.run(["render", "demo/dataset.json", "--single-file", "one.html"], in: folder)
        #expect(only.status == 0, "\(only.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "Site").path))
        let one = try String(contentsOf: folder.appending(path: "one.html"), encoding: .utf8)
        #expect(one.contains("<style>") && one.contains("<svg") && !one.contains("src="))
        #expect(only.standardError.contains("bytes"))

        let both = try CommandRunner.run(
            [
                "render", "demo/dataset.json", "-o", "paper", "--single-file", "two.html", "--figure-style", "paper",
                "--base-url", "https://example.org/r/",
            ], in: folder)
        #expect(both.status == 0, "\(both.standardError)")
        let svg = try String(
            contentsOf: folder.appending(path: "paper/charts/overview/intruders-vs-epsilon.svg"), encoding: .utf8)
        #expect(svg.contains("font-family=\"serif\"") && !svg.contains("<style"))
        let index = try String(contentsOf: folder.appending(path: "paper/index.html"), encoding: .utf8)
        #expect(index.contains("<link rel=\"canonical\" href=\"https://example.org/r/\">"))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "two.html").path))
    }

    @Test("render --epsilon 0.7 reports, for each run, the intruders whose stored max |cos| is below 0.7")
    func renderAtEpsilon() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "demo"], in: folder).status == 0)
        let dataset = try DatasetCoding.read(from: folder.appending(path: "demo/dataset.json").path)
        let outcome = try CommandRunner.run(
            ["render", "demo/dataset.json", "-o", "at07", "--epsilon", "0.7"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let csv = try String(
            contentsOf: folder.appending(path: "at07/charts/overview/intruders-vs-epsilon.csv"), encoding: .utf8)
        let index = try String(contentsOf: folder.appending(path: "at07/index.html"), encoding: .utf8)
        #expect(index.contains("<th>intruders at ε = 0.70</th>") && csv.hasPrefix("\"epsilon\""))
        for run in dataset.runs {
            let direct = run.matrices.map { $0.maxCosineTopK.filter { Double($0) < 0.7 }.count }.reduce(0, +)
            let row = try #require(
                index.split(separator: "\n").first { $0.hasPrefix("<tr><th scope=\"row\"><a href=\"#run-\(run.id)\"") })
            let cells = row.components(separatedBy: "<td class=\"num\">").dropFirst().map {
                String($0.prefix { $0 != "<" })
            }
            #expect(cells[3] == String(direct), "\(run.id): \(cells)")
            // The layer × module map of the run holds the same counts matrix by matrix.
            let map = try String(
                contentsOf: folder.appending(path: "at07/charts/overview/intruders-map-\(run.id).csv"), encoding: .utf8)
            let column = map.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",")[3]) }.reduce(
                0, +)
            #expect(
                column
                    == run.matrices.filter(\.changed).map { $0.maxCosineTopK.filter { Double($0) < 0.7 }.count }.reduce(
                        0, +))
        }
        // Lists, ranges and run choices are checked before anything is written.
        for bad in [
            ["--epsilon", "1.2"], ["--epsilon", "0.5,x"], ["--epsilon-range", "0.9:0.1"], ["--runs", "nope"],
        ] {
            let refused = try CommandRunner.run(["render", "demo/dataset.json", "-o", "bad"] + bad, in: folder)
            #expect(
                refused.status != 0 && !FileManager.default.fileExists(atPath: folder.appending(path: "bad").path),
                "\(bad)")
        }
    }

    @Test("the summary after an analysis prints each run's intruders along the ε curve, or at the ε list given")
    func summaryCurve() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (arguments, epsilons) in [
            ([String](), [0.5, 0.7, 0.9]), (["--epsilon", "0.6,0.3,0.8"], [0.6, 0.3, 0.8]),
        ] {
            let outcome = try CommandRunner.run(["demo", "-o", "demo"] + arguments, in: folder)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let header = epsilons.map { String(format: "%.2f", $0) }.joined(separator: " / ")
            #expect(
                outcome.standardError.contains(
                    "summed, at ε = \(header) (analysed at ε = \(String(format: "%.2f", epsilons[0]))):"))
            let dataset = try DatasetCoding.read(from: folder.appending(path: "demo/dataset.json").path)
            #expect(dataset.parameters.epsilon == epsilons[0])
            for run in dataset.runs {
                let counts = epsilons.map { epsilon in
                    String(run.matrices.map { $0.maxCosineTopK.filter { Double($0) < epsilon }.count }.reduce(0, +))
                }
                #expect(
                    outcome.standardError.contains(
                        "speclens:   \(run.displayLabel): \(counts.joined(separator: " / "))"), "\(run.id)")
            }
        }
    }

    @Test("an unknown --figure-style is refused")
    func badStyle() throws {
        let outcome = try CommandRunner.run(["render", "x.json", "--figure-style", "fancy"])
        #expect(outcome.status != 0 && outcome.standardError.contains("figure-style"))
    }
}
