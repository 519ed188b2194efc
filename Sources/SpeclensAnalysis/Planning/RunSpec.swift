import SpeclensDataset

/// One run of an experiment as the user describes it: where its weights are and how to show it.
public struct RunSpec: Sendable, Equatable {
    /// Where the fine-tuned weights come from.
    enum Source: Sendable, Equatable {
        /// A fine-tuned checkpoint or an adapter (file or folder).
        case checkpoint(String)
        /// Adapters applied in order on the base (sequential training); each step is analysed
        /// against the base.
        case stack([String])
    }

    /// Where the weights come from.
    var source: Source
    /// The label shown in tables and legends; nil: the run id.
    public var label: String?
    /// Free tags (`method`, `rank`, `alpha`, `task`, `trained`, `data_fraction`, `step` …).
    public var tags: [String: TagValue]
    /// Numbers the user measured (accuracy, forgetting, pseudo-loss …), recorded as supplied.
    public var metrics: [String: Double]
    /// A fixed colour for the run; nil: derived from the label.
    public var color: RunColor?

    init(
        source: Source, label: String? = nil, tags: [String: TagValue] = [:], metrics: [String: Double] = [:],
        color: RunColor? = nil
    ) {
        self.source = source
        self.label = label
        self.tags = tags
        self.metrics = metrics
        self.color = color
    }

    /// A plain checkpoint path (positional command-line argument).
    public init(path: String) {
        self.init(source: .checkpoint(path))
    }

    /// The paths it reads, in order.
    public var paths: [String] {
        switch source {
        case .checkpoint(let path): return [path]
        case .stack(let paths): return paths
        }
    }
}
