import SpeclensDataset

/// Makes a matrix page's model: the matrix's facts and links, each run's section
/// (`MatrixRunSectionBuilder`), the grid of similarity heat maps and the intruders across the
/// spectrum; the charts are added to the report on the way.
struct MatrixPageBuilder {
    /// The matrix, an index into `dataset.base.matrices`.
    let matrix: Int

    /// The page's model.
    func make(in context: inout SiteContext) throws -> MatrixModel {
        var runs: [MatrixModel.Run] = []
        var tiles: [MatrixModel.Tile] = []
        for run in context.dataset.runs.indices {
            let (section, tile) = try MatrixRunSectionBuilder(matrix: matrix, run: run).make(in: &context)
            runs.append(section)
            if let tile { tiles.append(tile) }
        }
        let base = context.dataset.base.matrices[matrix]
        let bucketsFigure =
            try GroupPageSupport.spectrumChart(
                context, bases: [base], scope: "this matrix",
                path: .matrixChart(slug: context.matrixSlugs[matrix], "intruders-across-spectrum")
            ).map { try context.add(chart: $0, on: context.matrixPage(matrix), group: base.name) } ?? .empty
        return model(context, runs: runs, tiles: tiles, bucketsFigure: bucketsFigure)
    }

    /// The model around the runs' sections.
    func model(_ context: SiteContext, runs: [MatrixModel.Run], tiles: [MatrixModel.Tile], bucketsFigure: HTMLText)
        -> MatrixModel
    {
        let dataset = context.dataset
        let base = dataset.base.matrices[matrix]
        let baseline = RandomBaseline(base)
        return MatrixModel(
            name: base.name, shape: base.shape.map(String.init).joined(separator: " × "),
            layer: base.layer.map(String.init) ?? "none", module: base.module,
            orientation: MatrixModel.orientationText(base.orientation), note: base.note,
            moduleHref: links(context).module, layerHref: links(context).layer,
            hasNav: context.layout.overviewHref(from: context.matrixPage(matrix)) != nil,
            bucketsFigure: bucketsFigure,
            bucketText: GroupPageSupport.bucketText(max(dataset.parameters.spectrumBuckets, 10)),
            side: base.singularVectors == .left ? "left (output space)" : "right (input space)",
            vectorDimension: String(base.vectorDimension), topK: String(base.topK),
            similarityTopN: String(base.similarityTopN),
            baseline: baseline.valueText, baselineMethod: baseline.methodText,
            vectorCount: String(RandomBaseline.vectors(base)), dtype: base.dtype?.rawValue,
            spanText: base.vectorDimension > RandomBaseline.vectors(base) ? SpanCategory.matrixSentence(base) : nil,
            controlsText: NullControlText.matrixSentence(
                dataset, base: base,
                comparisons: dataset.runs.indices.compactMap { context.index.comparison(run: $0, matrix: base.name) }),
            frobeniusNorm: NumberFormat.significant(base.frobeniusNorm, 4),
            epsilon: NumberFormat.epsilon(context.reading.epsilon), runs: runs, similarityGrid: tiles,
            previous: matrix > 0 ? neighbour(matrix - 1, context) : nil,
            next: matrix + 1 < dataset.base.matrices.count ? neighbour(matrix + 1, context) : nil)
    }

    /// The links to the matrix's module-type and layer pages, nil where there is none.
    func links(_ context: SiteContext) -> (module: String?, layer: String?) {
        let base = context.dataset.base.matrices[matrix]
        let page = context.matrixPage(matrix)
        return (
            context.moduleIndex(base.module).flatMap { context.layout.modulePageHref($0, from: page, in: context) },
            base.layer.flatMap { context.layout.layerPageHref($0, from: page, in: context) }
        )
    }

    /// The neighbouring matrix `other`'s name and link, nil when matrices have no pages.
    func neighbour(_ other: Int, _ context: SiteContext) -> (name: String, href: String)? {
        context.layout.neighbourMatrixHref(other, in: context).map { (context.dataset.base.matrices[other].name, $0) }
    }
}
