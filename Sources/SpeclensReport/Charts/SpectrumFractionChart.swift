import SpeclensDataset

/// Intruders across the spectrum (paper Fig. 11a): for each rank bucket of Wt's singular vectors
/// (deciles of rank by default), the fraction that are intruders at ε, one line per series (run),
/// with the runs' null controls as grey reference curves.
enum SpectrumFractionChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.spectrumFractions

    /// A null control's curve: the label of its run, its kind, the index of its run's series (for
    /// the marker) and one fraction per bucket.
    struct ControlCurve {
        let label: String
        let kind: NullControlKind
        let series: Int
        let fractions: [Double]
    }

    /// Bucket `b` of `buckets` as a percentage range of rank, e.g. `"0–10%"`.
    static func bucketLabel(_ bucket: Int, of buckets: Int) -> String {
        "\(bucket * 100 / buckets)–\((bucket + 1) * 100 / buckets)%"
    }

    /// `series`: a label and one fraction per bucket (all of length `buckets`); `styles`: each
    /// series' run style (default: the palette in order); `csvHeaders`: each series' CSV column
    /// name (default: its label); `controls`: the null-control curves; `controlsComputed`: whether
    /// the dataset has null controls at all (`parameters.null_controls`), for the description when
    /// `controls` is empty.
    static func make(
        title: String, scope: String, series: [(label: String, fractions: [Double])], buckets: Int,
        epsilon: Double, path: SitePath, styles: [RunStyle] = [], csvHeaders: [String]? = nil,
        controls: [ControlCurve] = [], controlsComputed: Bool = false
    ) -> Chart {
        let kindsShown = NullControlStyle.kinds.filter { kind in controls.contains { $0.kind == kind } }
        let width = 680.0
        let legend = ChartLegend(
            entries: series.enumerated().map { index, item in
                let style = style(index, styles)
                return .init(
                    label: item.label, sample: .line(color: style.color, dash: style.dash, marker: style.marker))
            } + kindsShown.map { NullControlStyle.legendEntry($0, runMarkers: true) })
        let legendHeight = legend.height(width: width - 80)
        let plot = PlotArea(x: 64, y: 16 + legendHeight + 8, width: width - 64 - 20, height: 220)
        let height = plot.bottom + 52
        let maxValue = (series.flatMap(\.fractions) + controls.flatMap(\.fractions)).filter(\.isFinite).max() ?? 0
        let controlText = NullControlStyle.chartClause(kinds: kindsShown, computed: controlsComputed, runMarkers: true)
        var svg = SVGBuilder(
            width: width, height: height, title: title,
            description: "Fraction of intruder dimensions (max |cos| against every pre-trained singular vector < ε = "
                + "\(NumberFormat.epsilon(epsilon))) in each of \(buckets) equal rank buckets of the fine-tuned matrix's "
                + "whole spectrum (all min(out, in) singular vectors of Wt, bucket 0 holds the largest singular values), "
                + "\(scope); one line per fine-tune." + controlText)
        legend.draw(into: &svg, x: plot.left, y: 10, width: width - 80)
        let band = plot.width / Double(max(buckets, 1))
        let y = LinearScale(domain: (0, max(maxValue * 1.1, 0.05)), range: (plot.bottom, plot.top)).niced(count: 5)
        ChartAxis(
            edge: .left, ticks: y.ticks(count: 5), position: { y($0) }, label: { y.tickLabel($0, count: 5) },
            title: "fraction of intruders"
        ).draw(into: &svg, plot: plot)
        drawBucketAxis(buckets, into: &svg, plot: plot, band: band)
        var rows: [[String]] = (0..<buckets).map { [String($0), bucketLabel($0, of: buckets)] }
        let x = { (bucket: Int) in plot.left + (Double(bucket) + 0.5) * band }
        // Controls first, so that the runs' own lines are drawn over them.
        for control in controls {
            drawControl(control, buckets: buckets, into: &svg, x: x, y: y, marker: style(control.series, styles).marker)
        }
        for (index, item) in series.enumerated() {
            drawSeries(item, style: style(index, styles), buckets: buckets, into: &svg, rows: &rows, x: x, y: y)
        }
        for control in controls {
            for bucket in 0..<buckets {
                let value = bucket < control.fractions.count ? control.fractions[bucket] : .nan
                rows[bucket].append(value.isFinite ? NumberFormat.fixed(value, 6) : "")
            }
        }
        return Chart(
            kind: kind, path: path,
            caption: "Intruders across the spectrum, \(scope): fraction of Wt's singular vectors that are intruders "
                + "at ε = \(NumberFormat.epsilon(epsilon)) in each of \(buckets) rank buckets (computed over all of Wt's "
                + "singular vectors, not only the top k)." + controlText,
            svg: svg,
            csv: CSVTable(
                header: ["bucket", "rank_range"] + (csvHeaders ?? series.map(\.label))
                    + controls.map { controlHeader($0, csvHeaders: csvHeaders) }, rows: rows))
    }

    /// Draws `item` as a line over its finite fractions and appends its CSV column to `rows`.
    private static func drawSeries(
        _ item: (label: String, fractions: [Double]), style: RunStyle, buckets: Int, into svg: inout SVGBuilder,
        rows: inout [[String]], x: (Int) -> Double, y: LinearScale
    ) {
        var points: [(Double, Double)] = []
        for bucket in 0..<buckets {
            let value = bucket < item.fractions.count ? item.fractions[bucket] : .nan
            rows[bucket].append(value.isFinite ? NumberFormat.fixed(value, 6) : "")
            if value.isFinite { points.append((x(bucket), y(value))) }
        }
        svg.series(points, style: style, label: item.label)
    }

    /// The style of series `index`: `styles[index]`, else the palette's.
    private static func style(_ index: Int, _ styles: [RunStyle]) -> RunStyle {
        index < styles.count ? styles[index] : RunStyle.palette(index)
    }

    /// The x axis: a tick and a bucket label every few buckets (so that the labels do not
    /// overlap), the axis line and its title.
    private static func drawBucketAxis(_ buckets: Int, into svg: inout SVGBuilder, plot: PlotArea, band: Double) {
        let widest = (0..<max(buckets, 1)).map { PlotArea.textWidth(bucketLabel($0, of: max(buckets, 1))) }.max() ?? 40
        let labelStep = max(1, Int(((widest + 8) / band).rounded(.up)))
        for bucket in 0..<buckets where bucket % labelStep == 0 {
            let cx = plot.left + (Double(bucket) + 0.5) * band
            svg.line(x1: cx, y1: plot.bottom, x2: cx, y2: plot.bottom + 5, classes: [.ax])
            svg.text(bucketLabel(bucket, of: buckets), x: cx, y: plot.bottom + 17, anchor: "middle")
        }
        svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, classes: [.ax])
        svg.text(
            "rank bucket of Wt's spectrum (% of all min(out, in) ranks; 0% = largest σ)",
            x: plot.left + plot.width / 2, y: plot.bottom + 38, anchor: "middle", classes: [.lbl, .ttl])
    }

    /// Draws `control` as a grey curve over its finite fractions, in its run's `marker`; `x`: a
    /// bucket's centre.
    private static func drawControl(
        _ control: ControlCurve, buckets: Int, into svg: inout SVGBuilder, x: (Int) -> Double, y: LinearScale,
        marker: ChartMarker
    ) {
        let label = "\(control.label): \(NullControlStyle.name(control.kind))"
        let points = (0..<buckets).compactMap { bucket -> (x: Double, y: Double, tooltip: String)? in
            guard bucket < control.fractions.count, control.fractions[bucket].isFinite else { return nil }
            let value = control.fractions[bucket]
            return (
                x(bucket), y(value),
                "\(label), bucket \(bucketLabel(bucket, of: buckets)): \(NumberFormat.fixed(value, 3))"
            )
        }
        svg.controlSeries(points, kind: control.kind, marker: marker, label: label)
    }

    /// The CSV column name of `control`: its run's column name (`csvHeaders`, else its label) and its kind.
    private static func controlHeader(_ control: ControlCurve, csvHeaders: [String]?) -> String {
        let name =
            csvHeaders.flatMap { control.series < $0.count ? $0[control.series] : nil } ?? control.label
        return "\(name) (\(NullControlStyle.shortName(control.kind)))"
    }
}
