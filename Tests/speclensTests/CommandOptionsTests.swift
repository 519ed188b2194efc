import ArgumentParser
import Foundation
import Testing

@testable import speclens

/// Every command accepts exactly the options its help lists. The options are read from the
/// command tree ArgumentParser describes (`speclens --experimental-dump-help`, the source of
/// `--help`), not from a list kept here; each is then parsed (with validation) as a user would
/// give it. The parser knows only the arguments of that tree, so with none of them hidden an
/// option the help does not list is refused.
@Suite("Each command accepts exactly the options its help lists")
struct CommandOptionsTests {
    /// One command of the dump: its name, arguments and subcommands.
    private struct Command: Decodable {
        let commandName: String
        let arguments: [Argument]?
        let subcommands: [Command]?
    }

    /// One argument of a command: positional, option or flag.
    private struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }
        let kind: String
        let names: [Name]?
        let valueName: String?
        let defaultValue: String?
        let allValues: [String]?
        let shouldDisplay: Bool

        /// The spelling a user types, e.g. `--top-k` or `-o`: the long name when there is one.
        var spelling: String? {
            guard let names, !names.isEmpty else { return nil }
            let name = names.first { $0.kind == "long" } ?? names[0]
            return (name.kind == "long" ? "--" : "-") + name.name
        }
    }

    private struct Dump: Decodable {
        let command: Command
    }

    /// Values for options whose help states neither a default nor the values allowed, by their
    /// value name. An option with a new value name needs an entry (the test says which).
    private static let samples: [String: String] = [
        "ε[,ε…]": "0.5", "file": "f", "dir": "d", "url": "/x/", "low:high": "0:1", "regex": "x",
        "FROM=TO": "a=b", "REGEX=KIND": "x=out-in", "size": "1G", "output": "out", "id,id…": "r",
        "tag": "t", "I/N|auto|auto/N": "0/2", "file.html": "f.html", "n": "3", "workers": "2",
    ]

    /// The commands users run (`speclens cache info`…), with the path of names leading to each.
    private static func leafCommands() throws -> [(path: [String], command: Command)] {
        let outcome = try CommandRunner.run(["--experimental-dump-help"])
        let root = try JSONDecoder().decode(Dump.self, from: Data(outcome.standardOutput.utf8)).command
        func leaves(_ command: Command, _ path: [String]) -> [(path: [String], command: Command)] {
            guard let subcommands = command.subcommands, !subcommands.isEmpty else { return [(path, command)] }
            return subcommands.filter { $0.commandName != "help" }.flatMap { leaves($0, path + [$0.commandName]) }
        }
        return leaves(root, [])
    }

    /// The arguments a user types for `argument`: its spelling, then a value unless it is a flag.
    private static func words(_ argument: Argument) -> [String]? {
        guard let spelling = argument.spelling else { return nil }
        guard argument.kind == "option" else { return [spelling] }
        guard
            let value = argument.allValues?.first ?? argument.defaultValue
                ?? argument.valueName.flatMap({ samples[$0] })
        else { return nil }
        return [spelling, value]
    }

    /// Command lines to add one option to: the positional arguments filled in, then also `-o
    /// out` (for commands that need an output), then nothing (for `--manifest` instead of them).
    private static func baseLines(_ path: [String], _ command: Command) -> [[String]] {
        let positionals = (command.arguments ?? []).filter { $0.kind == "positional" }.map { _ in "x" }
        return [path + positionals, path + positionals + ["-o", "out"], path]
    }

    /// Whether `arguments` parse and validate (or ask for help or the version).
    private static func parses(_ arguments: [String]) -> Bool {
        do {
            _ = try Speclens.parseAsRoot(arguments)
            return true
        } catch {
            return Speclens.exitCode(for: error) == .success
        }
    }

    /// The parser's message for `arguments`, nil when they parse.
    private static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try Speclens.parseAsRoot(arguments)
            return nil
        } catch {
            return Speclens.message(for: error)
        }
    }

    @Test("every option a command's help lists parses on that command, and none is hidden")
    func listedOptionsParse() throws {
        let commands = try Self.leafCommands()
        #expect(commands.count >= 10)
        for (path, command) in commands {
            for argument in command.arguments ?? [] where argument.kind != "positional" {
                #expect(argument.shouldDisplay, "\(path) has a hidden option \(argument.spelling ?? "?")")
                let words = try #require(
                    Self.words(argument),
                    "no sample value for \(argument.spelling ?? "?") <\(argument.valueName ?? "")>")
                let lines = Self.baseLines(path, command).map { $0 + words }
                #expect(
                    lines.contains(where: Self.parses),
                    "speclens \((path + words).joined(separator: " ")): \(Self.refusal(lines[0]) ?? "")")
            }
        }
    }

    @Test(
        "options a command once listed but did not honour, or spelled otherwise, are refused as unknown",
        arguments: [
            ["site", "x", "--single-file", "f.html"], ["site", "x", "--single-file-matrices", "3"],
            ["site", "x", "--runs", "r"],
            ["mitigate", "x", "x", "-o", "out", "--epsilon", "0.5"], ["analyze", "x", "x", "--cache-max-size", "1G"],
            ["demo", "--adapter-config", "f"], ["demo", "--allow-partial"],
        ])
    func misplacedOptionsAreRefused(arguments: [String]) {
        let option = arguments.dropFirst().first { $0.hasPrefix("--") } ?? ""
        #expect(Self.refusal(arguments)?.contains("Unknown option '\(option)'") == true, "\(arguments)")
    }
}
