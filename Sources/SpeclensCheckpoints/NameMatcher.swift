/// Matches tuned-side names to base names one-to-one: exact names first; then, for the names left,
/// the tuned name with its first dotted component removed (`bert.x` → `x`), then with one leading
/// component added (`x` → `model.x`, the alphabetically first unclaimed candidate). Each base name
/// is claimed at most once; the result is deterministic.
struct NameMatcher {
    /// Matches for the tuned names that have a counterpart, keyed by tuned name.
    let matches: [String: NameMatch]

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
        var matches: [String: NameMatch] = [:]
        for name in ordered where baseSet.contains(name) {
            matches[name] = NameMatch(baseName: name, how: "exact")
            claimed.insert(name)
        }
        for name in ordered where matches[name] == nil {
            if let dot = name.firstIndex(of: ".") {
                let tail = String(name[name.index(after: dot)...])
                if baseSet.contains(tail), !claimed.contains(tail) {
                    let prefix = String(name[...dot])
                    matches[name] = NameMatch(baseName: tail, how: "removed prefix \"\(prefix)\"")
                    claimed.insert(tail)
                    continue
                }
            }
            if let candidate = byTail[name]?.first(where: { !claimed.contains($0) }),
               let dot = candidate.firstIndex(of: ".") {
                let prefix = String(candidate[...dot])
                matches[name] = NameMatch(baseName: candidate, how: "added prefix \"\(prefix)\"")
                claimed.insert(candidate)
            }
        }
        self.matches = matches
    }
}
