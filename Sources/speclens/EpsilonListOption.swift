import ArgumentParser
import SpeclensReport

/// `--epsilon 0.7` or `--epsilon 0.5,0.7,0.9` on the command line: a list of thresholds in
/// (0, 1], the first of which is in force. Read with `parse` as the option's transform, so that a
/// refused value is reported with the reason.
struct EpsilonListOption: CustomStringConvertible {
    let list: ReadingEpsilons
    /// Whether this is the option's default (not given on the command line), for commands where
    /// `--epsilon` both sets the analysis ε and reads datasets (`site`: without it, each dataset is
    /// read at its own analysis ε).
    var isDefault = false

    /// The analysis default, ε = 0.5, marked as not given.
    static let analysisDefault = EpsilonListOption(list: try! ReadingEpsilons.parse("0.5"), isDefault: true)

    /// The option for `text`.
    /// - Throws: a `ValidationError` saying why the text is refused.
    static func parse(_ text: String) throws -> EpsilonListOption {
        do {
            return EpsilonListOption(list: try ReadingEpsilons.parse(text))
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The help of a `--epsilon` reading option; `subject` is what is read (`the report`).
    static func readingHelp(_ subject: String) -> ArgumentHelp {
        ArgumentHelp(
            "Read \(subject) at this ε instead of the analysis ε, or at a list 0.5,0.7,0.9 (the first is in force; "
                + "counts come from the stored max |cos|, strict <).",
            valueName: "ε[,ε…]")
    }

    var description: String { list.values.map { "\($0)" }.joined(separator: ",") }
}
