import Testing

@testable import speclens

@Suite("Text from checkpoints printed on a terminal")
struct TerminalTextTests {
    @Test("escape sequences in a tensor name cannot reach the terminal")
    func controlCharacters() {
        #expect(TerminalText.printable("layer.0\u{1B}[2J.weight\u{7}") == "layer.0?[2J.weight?")
    }

    @Test("long names are shortened in the middle to the limit")
    func shortening() {
        let short = TerminalText.printable(String(repeating: "a", count: 50) + "END", limit: 11)
        #expect(short.count == 11)
        #expect(short.hasSuffix("END") && short.contains("…"))
    }
}
