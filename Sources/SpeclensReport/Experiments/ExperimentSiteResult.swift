/// What a build of a multi-experiment site did (`ExperimentSiteGenerator.generate`).
public struct ExperimentSiteResult: Sendable, Equatable {
    /// Each experiment's folder, in the order listed.
    public let folders: [String]
    /// The folders whose report was rendered (new, changed input, or changed options).
    public let rendered: [String]
    /// The folders kept as they were (same input, same speclens, same options).
    public let unchanged: [String]
    /// Folders of experiments no longer listed, removed.
    public let removed: [String]
    /// False when nothing at all changed and the folder was not touched.
    public let wrote: Bool
}
