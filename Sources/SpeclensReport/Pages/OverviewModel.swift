/// Values of `overview.md`. Fields ending in `HTML` are already HTML-escaped, for `{{{…}}}` inside
/// raw HTML blocks; fields ending in `Figure` are complete `<figure>` blocks; every other field is
/// plain text, escaped for Markdown by `{{…}}`.
struct OverviewModel {
    struct Parameter {
        let label: String
        let value: String
    }

    struct Skipped {
        let nameHTML: String
        let sourceHTML: String
        let reasonHTML: String
    }

    struct Run {
        let id: String
        let idHTML: String
        let anchor: String
        let kindLabel: String
        let path: String
        let isLora: Bool
        let loraR: String
        let loraAlpha: String
        let loraScale: String
        let loraRslora: String
        let loraBase: String
        let hasLoraBase: Bool
        let loraTargets: String
        let warnings: [String]
        let hasWarnings: Bool
        let skipped: [Skipped]
        let skippedCount: String
        let hasSkipped: Bool
        // Summary numbers.
        let analysed: String
        let unchanged: String
        let intruders: String
        let meanEffectiveRank: String
        let matricesWithIntruders: String
    }

    struct Cell {
        let intruders: String
        let effectiveRank: String
        let frobeniusDelta: String
        let relativeChange: String
        let isIntruder: Bool
    }

    struct Matrix {
        let nameHTML: String
        /// Link to the matrix's detail (page or anchor); empty when it has none (`hasHref`).
        let href: String
        let hasHref: Bool
        /// Random-direction baseline √(2 ln n / n) for the matrix's vector dimension n.
        let baseline: String
        let shape: String
        let layer: String
        let moduleHTML: String
        let cells: [Cell]
    }

    struct RunHeader {
        let idHTML: String
    }

    /// A link to a module-type or layer page, with totals at ε.
    struct GroupLink {
        let nameHTML: String
        let href: String
        let hasHref: Bool
        let matrices: String
        /// Per run, `run: n` intruders at ε (HTML).
        let intrudersHTML: String
    }

    /// A random-direction baseline for one vector dimension.
    struct Baseline {
        let dimension: String
        let value: String
        let matrices: String
    }

    let baseName: String
    let basePath: String
    let matrixCount: String
    let runCount: String
    let fileCount: String
    let baseBytes: String
    let epsilon: String
    let topK: String
    let parameters: [Parameter]
    let runs: [Run]
    let runHeaders: [RunHeader]
    let matrices: [Matrix]
    let hasMatrices: Bool
    let epsilonFigure: String
    let rankFigure: String
    let rankHeatmapFigures: [String]
    let moduleEpsilonFigure: String
    let hasModuleEpsilon: Bool
    let baselines: [Baseline]
    let hasBaselines: Bool
    let spectrumFigure: String
    let hasSpectrum: Bool
    let spectrumBuckets: String
    let notComputed = GroupPageSupport.notComputedText
    let changeHeatmapFigures: [String]
    let moduleLinks: [GroupLink]
    let hasModuleLinks: Bool
    let layerLinks: [GroupLink]
    let hasLayerLinks: Bool
    let toolVersion: String
}
