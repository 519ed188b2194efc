import SpeclensDataset

/// Matches tuned-side names to base names one-to-one: exact names first; then, for the names left,
/// the tuned name with its first dotted component removed (`bert.x` → `x`), then with one leading
/// component added (`x` → `model.x`, the alphabetically first unclaimed candidate). Each base name
/// is claimed at most once; the result is deterministic.
struct NameMatcher {
    /// A tuned name's base counterpart and the rule that found it.
    struct Match: Equatable {
        let baseName: String
        let rule: NameRule
    }

    /// Matches for the tuned names that have a counterpart, keyed by tuned name.
    let matches: [String: Match]

    /// Matches every name of `tuned` against `base`.
    init(tuned: [String], base: [String]) {
        let baseSet = Set(base)
        var byTail: [String: [String]] = [:]  // base name without its first component → base names
        for name in base.sorted() {
            if let dot = name.firstIndex(of: ".") {
                byTail[String(name[name.index(after: dot)...]), default: []].append(name)
            }
        }
        let ordered = Array(Set(tuned)).sorted()
        var claimed = Set<String>()
        var matches: [String: Match] = [:]
        for name in ordered where baseSet.contains(name) {
            matches[name] = Match(baseName: name, rule: .exact)
            claimed.insert(name)
        }
        for name in ordered where matches[name] == nil {
            if let dot = name.firstIndex(of: ".") {
                let tail = String(name[name.index(after: dot)...])
                if baseSet.contains(tail), !claimed.contains(tail) {
                    matches[name] = Match(baseName: tail, rule: .removedPrefix(String(name[...dot])))
                    claimed.insert(tail)
                    continue
                }
            }
            if let candidate = byTail[name]?.first(where: { !claimed.contains($0) }),
                let dot = candidate.firstIndex(of: ".")
            {
                matches[name] = Match(baseName: candidate, rule: .addedPrefix(String(candidate[...dot])))
                claimed.insert(candidate)
            }
        }
        self.matches = matches
    }
}
