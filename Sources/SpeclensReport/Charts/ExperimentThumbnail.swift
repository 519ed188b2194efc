import SpeclensDataset

/// The small chart of an experiment on a multi-experiment site's index: each run's intruders
/// (summed over matrices) at every ε of the grid, in the run's style, with the ε in force marked.
/// Lines only (in each run's colour and dash pattern), no markers and no legend: the runs table
/// next to it shows each run's swatch and label.
enum ExperimentThumbnail {
    static let width = 240.0, height = 110.0

    /// The chart of `reading` (its runs counted at the ε in force), titled with `name`.
    static func make(_ reading: DatasetReading, name: String) -> SVGBuilder {
        let dataset = reading.dataset
        let grid = dataset.parameters.epsilonGrid.sorted()
        let runs = dataset.runs
        let counts = runs.map { run in grid.map { Double(run.intruders(atEpsilon: $0)) } }
        let maxCount = max(1, counts.flatMap { $0 }.max() ?? 1)
        let description = runs.indices.map { index in
            "\(RunLabel.text(runs[index])): "
                + zip(grid, counts[index]).map { "\(NumberFormat.epsilon($0)) → \(Int($1))" }
                .joined(separator: ", ")
        }.joined(separator: "; ")
        var svg = SVGBuilder(
            width: width, height: height, title: "Intruders versus ε: \(name)",
            description: "Intruders summed over matrices at each ε. " + description)
        let left = 34.0
        let right = width - 8
        let top = 8.0
        let bottom = height - 22
        let x = { (epsilon: Double) in left + epsilon * (right - left) }
        let y = { (count: Double) in bottom - count / maxCount * (bottom - top) }
        svg.line(x1: left, y1: bottom, x2: right, y2: bottom, classes: [.ax])
        svg.line(x1: left, y1: top, x2: left, y2: bottom, classes: [.ax])
        svg.text("0", x: left - 4, y: bottom, anchor: "end", baseline: "middle", size: 9)
        svg.text(NumberFormat.compact(maxCount), x: left - 4, y: top, anchor: "end", baseline: "middle", size: 9)
        svg.text("0", x: left, y: bottom + 12, anchor: "middle", size: 9)
        svg.text("ε", x: (left + right) / 2, y: bottom + 16, anchor: "middle", size: 10)
        svg.text("1", x: right, y: bottom + 12, anchor: "middle", size: 9)
        svg.line(x1: x(reading.epsilon), y1: top, x2: x(reading.epsilon), y2: bottom, stroke: "#777777", dash: "4 3")
        for index in runs.indices {
            let style = reading.runStyles[index]
            svg.group(classes: [.series], label: RunLabel.text(runs[index])) { svg in
                svg.polyline(
                    zip(grid, counts[index]).map { (x($0), y($1)) }, stroke: style.color, width: 1.5, dash: style.dash)
            }
        }
        return svg
    }
}
