/// The file names speclens writes below an output folder, and reads back from its marker.
public enum SafeRelativePath {
    /// Whether `path` is relative, made of `/`-separated components of `[a-z0-9._-]` that are
    /// neither empty, `.` nor `..`, and start with no dot.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, path.count < 400 else { return false }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty, component != ".", component != "..", !component.hasPrefix(".") else {
                return false
            }
            for scalar in component.unicodeScalars {
                switch scalar {
                case "a"..."z", "0"..."9", ".", "_", "-": continue
                default: return false
                }
            }
        }
        return true
    }
}
