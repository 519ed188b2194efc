/// Ranks base tensor names by how close they come to a tuned-side name that matched none, so a
/// message can suggest what the name was meant to be.
///
/// Names are compared as dotted components. Closer means, in this order:
/// 1. more trailing components in common (`…attn.q_proj.weight` shares three with
///    `model.layers.0.self_attn.q_proj.weight`: a prefix the pairing rules do not know);
/// 2. a smaller edit distance between the component sequences, where inserting or deleting a
///    component costs 1 and replacing one costs its character edit distance divided by the longer
///    component's length (so `layers` → `layer` costs 1/6);
/// 3. the name, alphabetically.
/// The ranking is deterministic: the same names always give the same order.
enum NameProximity {
    /// The `count` names of `candidates` closest to `name`, closest first.
    static func closest(to name: String, among candidates: [String], count: Int) -> [String] {
        let target = components(name)
        let scored = candidates.map { candidate -> (shared: Int, distance: Double, name: String) in
            let other = components(candidate)
            return (sharedSuffix(target, other), componentDistance(target, other), candidate)
        }
        return scored.sorted { a, b in
            if a.shared != b.shared { return a.shared > b.shared }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.name < b.name
        }.prefix(count).map(\.name)
    }

    static func components(_ name: String) -> [Substring] {
        name.split(separator: ".", omittingEmptySubsequences: false)
    }

    /// Trailing components the two sequences have in common.
    static func sharedSuffix(_ a: [Substring], _ b: [Substring]) -> Int {
        zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
    }

    /// Edit distance between component sequences (see the type description for the costs).
    static func componentDistance(_ a: [Substring], _ b: [Substring]) -> Double {
        editDistance(a.count, b.count) { i, j in
            let x = a[i]
            let y = b[j]
            guard x != y else { return 0 }
            let (cx, cy) = (Array(x.utf8), Array(y.utf8))
            let characters = editDistance(cx.count, cy.count) { cx[$0] == cy[$1] ? 0 : 1 }
            return characters / Double(max(cx.count, cy.count))
        }
    }

    /// Levenshtein distance over two sequences of lengths `m` and `n`: insertions and deletions
    /// cost 1, replacing element i of the first by element j of the second costs `substitution(i, j)`.
    static func editDistance(_ m: Int, _ n: Int, substitution: (Int, Int) -> Double) -> Double {
        var previous = (0...n).map(Double.init)
        for i in 0..<m {
            var current = [Double(i + 1)] + [Double](repeating: 0, count: n)
            for j in 0..<n {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + substitution(i, j))
            }
            previous = current
        }
        return previous[n]
    }
}
