/// How many of an adapter's LoRA modules target a weight the base has, judged by the planner's
/// name rules (after the name rewrites) against every base tensor, before the selection narrows
/// what is analysed. `modules_to_save` copies are not LoRA modules and do not count.
public struct ModuleCoverage: Sendable, Equatable {
    /// How many unmatched modules are named in messages.
    static let namedLimit = 3

    /// The adapter path as given.
    public let adapter: String
    /// LoRA modules whose target weight is in the base.
    let matched: Int
    /// All LoRA modules of the adapter.
    public let total: Int
    /// The first unmatched modules by name (at most ``namedLimit``), with their closest base names;
    /// the planner fills it in only when fewer than half of the modules pair.
    let unmatched: [UnmatchedModule]

    init(adapter: String, matched: Int, total: Int, unmatched: [UnmatchedModule]) {
        self.adapter = adapter
        self.matched = matched
        self.total = total
        self.unmatched = unmatched
    }

    /// Whether at least half of the modules match (an adapter without LoRA modules passes).
    var isMajority: Bool { matched * 2 >= total }

    /// `3 of 14 LoRA modules target a weight the base has; unmatched: a (closest base weights: …),
    /// … and 8 more`.
    public var text: String {
        var text = "\(matched) of \(total) LoRA module(s) target a weight the base has"
        guard !unmatched.isEmpty else { return text }
        text += "; unmatched: " + unmatched.map(\.text).joined(separator: "; ")
        let more = total - matched - unmatched.count
        if more > 0 { text += "; and \(more) more" }
        return text
    }
}
