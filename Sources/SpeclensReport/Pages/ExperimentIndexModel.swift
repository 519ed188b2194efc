import SpeclensDataset

/// Values of `experiments.md`, the index of a multi-experiment site: one entry per experiment
/// with its base model, its runs (swatch, label, intruders at the reading ε's, mean effective
/// rank) and its thumbnail chart, linking to the experiment's own report. Numbers are read from
/// each dataset at the ε in force, as its report reads them (`DatasetReading`).
struct ExperimentIndexModel: TemplateModel {
    struct Run: TemplateModel {
        let swatch: HTMLText
        let label: String
        let kind: String
        /// Intruders at each reading ε, the ε in force first.
        let counts: [Int]
        let meanEffectiveRank: Double?

        var templateFields: [String: TemplateValue] {
            [
                "swatch": .markup(swatch), "labelHTML": .markup(HTMLText(escaping: label)),
                "kindHTML": .markup(HTMLText(escaping: kind)),
                "counts": .list(counts.map { .markup(HTMLText(escaping: String($0))) }),
                "rank": .markup(
                    HTMLText(escaping: NumberFormat.optional(meanEffectiveRank) { NumberFormat.fixed($0, 1) })),
            ]
        }
    }

    struct Experiment: TemplateModel {
        let name: String
        let folder: String
        let source: String
        let baseName: String
        let matrices: Int
        let topK: Int
        let epsilons: [Double]
        let analysisEpsilon: Double
        let runs: [Run]
        let thumbnail: HTMLText

        var templateFields: [String: TemplateValue] {
            [
                "nameHTML": .markup(HTMLText(escaping: name)),
                "anchorHTML": .markup(HTMLText(escaping: "experiment-" + folder)),
                "hrefHTML": .markup(HTMLText(escaping: folder + "/index.html")),
                "sourceHTML": .markup(HTMLText(escaping: source)), "baseHTML": .markup(HTMLText(escaping: baseName)),
                "matrices": .markup(HTMLText(escaping: String(matrices))),
                "runCount": .markup(HTMLText(escaping: String(runs.count))),
                "topK": .markup(HTMLText(escaping: String(topK))),
                "epsilon": .markup(HTMLText(escaping: NumberFormat.epsilon(epsilons[0]))),
                "analysisEpsilon": .markup(HTMLText(escaping: NumberFormat.epsilon(analysisEpsilon))),
                "readAtOther": .flag(epsilons[0] != analysisEpsilon),
                "epsilonHeaders": .list(epsilons.map { .markup(HTMLText(escaping: NumberFormat.epsilon($0))) }),
                "runs": .models(runs), "thumbnail": .markup(thumbnail),
            ]
        }
    }

    let experiments: [Experiment]

    /// The model of `experiments` in `folders`, read as `options` say (reading ε's).
    /// - Throws: `ReportError` for a bad reading ε, `DatasetError.inconsistent` for a dataset that
    ///   repeats a run id or a matrix name.
    init(experiments sources: [ExperimentSource], folders: [String], options: ReportOptions) throws {
        var readingOptions = options
        readingOptions.runs = nil
        experiments = try zip(sources, folders).map { source, folder in
            let reading = try DatasetReading(source.dataset, options: readingOptions)
            let dataset = reading.dataset
            let runs = dataset.runs.enumerated().map { index, run in
                Run(
                    swatch: RunSwatch.html(reading.runStyles[index]), label: RunLabel.text(run),
                    kind: run.kind == .full ? "full" : "LoRA" + (run.lora.map { " r=\($0.r)" } ?? ""),
                    counts: reading.epsilons.map { run.intruders(atEpsilon: $0) },
                    meanEffectiveRank: run.summary.meanEffectiveRank)
            }
            return Experiment(
                name: source.name, folder: folder, source: source.source, baseName: dataset.base.name,
                matrices: dataset.base.matrices.count, topK: dataset.parameters.topK, epsilons: reading.epsilons,
                analysisEpsilon: reading.analysisEpsilon, runs: runs,
                thumbnail: HTMLText(
                    inlineSVG: ExperimentThumbnail.make(reading, name: source.name).render(standalone: false)))
        }
    }

    var templateFields: [String: TemplateValue] {
        ["experiments": .models(experiments), "count": .markup(HTMLText(escaping: String(experiments.count)))]
    }
}
