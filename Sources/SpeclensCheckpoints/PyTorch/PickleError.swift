/// Why the restricted unpickler stopped; turned into a ``CheckpointError`` naming the file.
enum PickleError: Error, Equatable {
    /// The pickle names a global outside the allow-list (`module.name`); nothing was called.
    case refusedGlobal(String)
    /// The stream is not a pickle the reader understands (why, and the byte position).
    case malformed(String, position: Int)
}
