/// Makes safe, unique file-name stems from untrusted names.
///
/// A slug holds only `[a-z0-9._-]`, never starts or ends with `.` or `-`, is at most
/// `maximumLength` characters long, and is unique among the slugs this slugger has handed out
/// (compared in lower case, so it is also unique on case-insensitive file systems).
struct Slugger {
    /// Longest slug before a uniqueness suffix is added.
    var maximumLength: Int = 80
    /// Stems that must not be used (e.g. names of fixed files in the same folder).
    var reserved: Set<String> = []
    private var used: Set<String> = []

    init(maximumLength: Int = 80, reserved: Set<String> = []) {
        self.maximumLength = maximumLength
        self.reserved = reserved
    }

    /// The safe form of `name`, without uniqueness: lower case, other characters → `-`, runs of
    /// `-` collapsed, leading and trailing `.`/`-` removed, truncated; `fallback` when empty.
    static func base(_ name: String, maximumLength: Int = 80, fallback: String = "item") -> String {
        var out = ""
        var lastDash = false
        for scalar in name.lowercased().unicodeScalars {
            let allowed: Bool
            switch scalar {
            case "a"..."z", "0"..."9", ".", "_": allowed = true
            default: allowed = false
            }
            if allowed {
                out.unicodeScalars.append(scalar)
                lastDash = false
            } else if !lastDash {
                out += "-"
                lastDash = true
            }
        }
        func trim(_ text: String) -> String {
            var text = Substring(text)
            while let first = text.first, first == "." || first == "-" { text.removeFirst() }
            while let last = text.last, last == "." || last == "-" { text.removeLast() }
            return String(text)
        }
        out = trim(out)
        // ".." inside a slug is harmless in a file name but confusing: collapse it.
        while out.contains("..") { out = out.replacingOccurrences(of: "..", with: ".") }
        if out.count > maximumLength { out = trim(String(out.prefix(maximumLength))) }
        return out.isEmpty ? fallback : out
    }

    /// A slug for `name` not handed out before, suffixed `-2`, `-3`, … when needed.
    mutating func slug(for name: String, fallback: String = "item") -> String {
        let stem = Slugger.base(name, maximumLength: maximumLength, fallback: fallback)
        var candidate = stem
        var counter = 2
        while used.contains(candidate) || reserved.contains(candidate) {
            candidate = "\(stem)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
