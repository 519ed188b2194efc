/// Text from checkpoints (tensor names, paths, error messages quoting them) made safe to print
/// on a terminal.
enum TerminalText {
    /// Text from a checkpoint made safe for a terminal: control characters (which could carry
    /// escape sequences) become `?`, and long names are shortened in the middle.
    static func printable(_ text: String, limit: Int = .max) -> String {
        var clean = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
                        ? "?" : $0
                }))
        if clean.count > limit, limit > 3 {
            let half = (limit - 1) / 2
            clean = String(clean.prefix(half)) + "…" + String(clean.suffix(limit - 1 - half))
        }
        return clean
    }
}
