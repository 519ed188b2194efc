import ArgumentParser
import SpeclensReport

/// `--epsilon 0.7` or `--epsilon 0.5,0.7,0.9` on the command line: a list of thresholds in
/// (0, 1], the first of which is in force.
struct EpsilonListOption: ExpressibleByArgument, CustomStringConvertible {
    let list: ReadingEpsilons

    init(_ list: ReadingEpsilons) {
        self.list = list
    }

    /// Nil for text that is not a list of numbers in (0, 1]; ArgumentParser then names the option.
    init?(argument: String) {
        guard let list = try? ReadingEpsilons.parse(argument) else { return nil }
        self.list = list
    }

    var description: String { list.values.map { "\($0)" }.joined(separator: ",") }

    var defaultValueDescription: String { description }
}
