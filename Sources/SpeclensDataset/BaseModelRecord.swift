/// The pre-trained checkpoint all runs are compared with.
public struct BaseModelRecord: Codable, Equatable, Sendable {
    /// Path as given on the command line (text from the user: never trusted as a file path later).
    public var path: String
    /// A display name: the folder or file name of `path`.
    public var name: String
    /// Files read, with sizes in bytes.
    public var files: [FileRecord]
    /// Every analysed matrix, sorted by name, with its spectrum.
    public var matrices: [BaseMatrixRecord]

    public init(path: String, name: String, files: [FileRecord], matrices: [BaseMatrixRecord]) {
        self.path = path
        self.name = name
        self.files = files
        self.matrices = matrices
    }
}
