import SpeclensDataset

/// The random-direction experiment on the base (dataset `probe`): for each probed matrix, as the
/// added random rank-one update grows (λ in units of the matrix's σ_max), the number of intruders
/// among the top k, or the max |cos| of the vector that carries the added direction.
enum ProbeChart {
    /// What the y axis shows.
    enum Measure {
        case intruders
        case newVectorMaxCosine

        /// The gallery kind of the chart of this measure: the max |cos| chart is listed with the
        /// matrices' max |cos| charts.
        var kind: FigureKind {
            switch self {
            case .intruders: return .other
            case .newVectorMaxCosine: return .maxCosine
            }
        }
    }

    /// `epsilon`: the ε in force, which the max |cos| chart marks; `intrudersEpsilon`: the ε the
    /// probe's intruder counts were computed at (the analysis ε; default: `epsilon`).
    static func make(
        dataset: SpectralDataset, probe: ProbeRecord, measure: Measure, path: SitePath,
        epsilon: Double, intrudersEpsilon: Double? = nil
    ) -> Chart {
        let lambdas = probe.lambdas
        let countEpsilon = intrudersEpsilon ?? epsilon
        let values: [[Double]] = probe.matrices.map { matrix in
            switch measure {
            case .intruders: return matrix.intruders.map(Double.init)
            case .newVectorMaxCosine: return matrix.newVectorMaxCosine.map(Double.init)
            }
        }
        let top = measure == .intruders ? max(1, values.joined().max() ?? 1) : 1
        let width = 680.0
        let legend = ChartLegend(
            entries: probe.matrices.enumerated().map { index, matrix in
                .init(
                    label: matrix.name,
                    sample: .line(
                        color: CategoricalPalette.color(index), dash: CategoricalPalette.dash(index),
                        marker: CategoricalPalette.marker(index)))
            }
                + (measure == .newVectorMaxCosine
                    ? [
                        .init(
                            label: "ε = \(NumberFormat.epsilon(epsilon))",
                            sample: .line(color: "#777777", dash: "4 3", marker: nil))
                    ] : []))
        let legendHeight = legend.height(width: width - 80)
        let plot = PlotArea(x: 64, y: 16 + legendHeight + 8, width: width - 64 - 20, height: 240)
        let title =
            measure == .intruders
            ? "Intruders created by a random rank-one update of growing size"
            : "Max |cos| of the vector carrying a random added direction"
        let description =
            measure == .intruders
            ? "For each probed base matrix W: the number of intruders among the top \(dataset.parameters.topK) singular vectors of W + λ·σ_max·u·vᵀ (u, v random unit vectors) at ε = \(NumberFormat.epsilon(countEpsilon)), for each λ."
            : "For each probed base matrix W: the max |cos| against all of W's singular vectors of the top vector of W + λ·σ_max·u·vᵀ most aligned with the added direction, for each λ; below ε it is an intruder."
        var svg = SVGBuilder(width: width, height: plot.bottom + 48, title: title, description: description)
        legend.draw(into: &svg, x: plot.left, y: 10, width: width - 80)
        let x = LinearScale(domain: (0, lambdas.max() ?? 1), range: (plot.left, plot.right))
        let y = LinearScale(domain: (0, top), range: (plot.bottom, plot.top))
        ChartAxis(
            edge: .bottom, ticks: lambdas.filter { $0 >= 0.5 || $0 == lambdas.first }, position: { x($0) },
            label: { NumberFormat.compact($0) }, title: "λ (size of the added update, in units of σ_max(W))"
        ).draw(into: &svg, plot: plot)
        let yTicks =
            measure == .intruders
            ? stride(from: 0.0, through: top, by: max(1, (top / 5).rounded(.up))).map { $0 } : [0, 0.25, 0.5, 0.75, 1]
        ChartAxis(
            edge: .left, ticks: yTicks, position: { y($0) },
            label: { measure == .intruders ? NumberFormat.fixed($0, 0) : NumberFormat.fixed($0, 2) },
            title: measure == .intruders
                ? "intruders (top \(dataset.parameters.topK))" : "max |cos| against W's vectors"
        ).draw(into: &svg, plot: plot)
        if measure == .newVectorMaxCosine {
            svg.line(
                x1: plot.left, y1: y(epsilon), x2: plot.right, y2: y(epsilon), stroke: "#777777", width: 1.5,
                dash: "4 3")
        }
        for (index, matrix) in probe.matrices.enumerated() {
            svg.series(zip(lambdas, values[index]).map { (x($0), y($1)) }, index: index, label: matrix.name)
        }
        let header = ["lambda_over_sigma_max"] + probe.matrices.map(\.name)
        let rows = lambdas.enumerated().map { row, lambda in
            [NumberFormat.compact(lambda)]
                + values.map { measure == .intruders ? String(Int($0[row])) : NumberFormat.fixed($0[row], 4) }
        }
        return Chart(
            kind: measure.kind, path: path, caption: title + ": " + description, svg: svg,
            csv: CSVTable(header: header, rows: rows))
    }
}
