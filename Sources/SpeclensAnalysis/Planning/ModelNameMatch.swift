/// Whether two ways of naming a model name the same one: Hugging Face hub ids
/// (`sentence-transformers/all-MiniLM-L6-v2`), local folders (`/models/all-MiniLM-L6-v2/`) and
/// cache snapshot folders (`…/models--sentence-transformers--all-MiniLM-L6-v2/snapshots/<hash>`).
///
/// Each name is reduced to its keys: the text without trailing slashes, its last path component,
/// and for a cache snapshot path the hub id and its last component. Two names agree when they
/// share a key, case-insensitively. A declared name and the base can still disagree for the same
/// weights (a model's config may keep its backbone's name), so disagreement is only ever a note.
enum ModelNameMatch {
    /// Whether `declared` agrees with any of `names`.
    static func agrees(_ declared: String, withAnyOf names: [String]) -> Bool {
        let wanted = keys(declared)
        return names.contains { !keys($0).isDisjoint(with: wanted) }
    }

    /// The comparable forms of one name (see the type description).
    static func keys(_ name: String) -> Set<String> {
        var text = name.lowercased()
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        let components = text.split(separator: "/").map(String.init)
        var keys: Set<String> = [text]
        if let last = components.last { keys.insert(last) }
        if let cache = components.first(where: { $0.hasPrefix("models--") }) {
            let id = cache.dropFirst("models--".count).replacingOccurrences(of: "--", with: "/")
            keys.insert(id)
            if let last = id.split(separator: "/").last { keys.insert(String(last)) }
        }
        keys.remove("")
        return keys
    }
}
