import Foundation
import SpeclensDataset
import Testing

@Suite("How pairs were matched, as typed values written as readable strings")
struct MatchedByTests {
    @Test(
        "Each value is written as the dataset's string and read back as the same value",
        arguments: [
            (MatchedBy.name(.exact), "exact"),
            (.name(.removedPrefix("bert.")), #"removed prefix "bert.""#),
            (.name(.addedPrefix("model.")), #"added prefix "model.""#),
            (.name(.exact, savedModule: true), "modules_to_save, exact"),
            (
                .name(.exact, rewrites: [#"^enc\.(\d+)\.=model.layers.$1."#, #"\.query\.=.q."#]),
                #"rewritten by "^enc\.(\d+)\.=model.layers.$1.", rewritten by "\.query\.=.q.", exact"#
            ),
            (
                .name(.addedPrefix("m."), rewrites: [#"a", b=c"#], savedModule: true),
                #"modules_to_save, rewritten by "a", b=c", added prefix "m.""#
            ),
            (.notAdapted, "not adapted (unchanged)"),
        ])
    func roundTrip(value: MatchedBy, text: String) throws {
        #expect(value.description == text)
        #expect(MatchedBy(text: text) == value)
        let encoded = try JSONEncoder().encode([value])
        #expect(
            String(decoding: encoded, as: UTF8.self)
                == String(decoding: try JSONEncoder().encode([text]), as: UTF8.self))
        #expect(try JSONDecoder().decode([MatchedBy].self, from: encoded) == [value])
    }

    @Test(
        "A string speclens never writes is refused when decoding, not guessed",
        arguments: ["lora", "", "removed prefix bert.", "exact, exact"])
    func unknown(text: String) {
        #expect(MatchedBy(text: text) == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MatchedBy].self, from: JSONEncoder().encode([text]))
        }
    }

    @Test("Orientation, side and skip-reason codes are written with their documented spellings")
    func spellings() {
        #expect(MatrixOrientation.allCases.map(\.rawValue) == ["out_in", "in_out", "embedding"])
        #expect(MatrixOrientation.allCases.map(\.transposed) == [false, true, true])
        #expect(TensorSide.allCases.map(\.rawValue) == ["base", "tuned", "adapter"])
        #expect(SkipReason.embeddingNotSelected.rawValue == "embedding_not_selected")
        #expect(Set(SkipReason.allCases.map(\.rawValue)).count == SkipReason.allCases.count)
    }

    @Test("Run ids are unique in order of arrival: stem, stem-2, stem-3; an empty stem becomes run")
    func runIDs() {
        var taken = Set<RunID>()
        #expect(
            ["a", "a", "b", "a", ""].map { RunID.unique(stem: $0, taken: &taken).rawValue } == [
                "a", "a-2", "b", "a-3", "run",
            ])
    }
}
