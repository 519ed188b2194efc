/// A legend laid out in rows above the plot: a line or swatch sample per entry, then its label.
struct ChartLegend {
    enum Sample {
        case line(color: String, dash: String, marker: ChartMarker?)
        case swatch(color: String)
        case marker(ChartMarker, color: String)
    }

    struct Entry {
        var label: String
        var sample: Sample
    }

    var entries: [Entry]
    /// Longest label shown (longer ones are cut with an ellipsis; the full text is in the CSV).
    var labelLimit = 48

    private func entryWidth(_ entry: Entry) -> Double {
        34 + PlotArea.textWidth(PlotArea.truncate(entry.label, labelLimit)) + 18
    }

    /// Height the legend needs for `width` pixels.
    func height(width: Double) -> Double {
        Double(rows(width: width).count) * 18
    }

    private func rows(width: Double) -> [[Entry]] {
        var rows: [[Entry]] = [[]]
        var used = 0.0
        for entry in entries {
            let w = entryWidth(entry)
            if used + w > width && !rows[rows.count - 1].isEmpty {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append(entry)
            used += w
        }
        return entries.isEmpty ? [] : rows
    }

    /// Draws the legend with its top-left corner at (x, y), wrapping at `width`.
    func draw(into svg: inout SVGBuilder, x: Double, y: Double, width: Double) {
        svg.group(classes: [.legend]) { svg in
            for (rowIndex, row) in rows(width: width).enumerated() {
                var cx = x
                let cy = y + Double(rowIndex) * 18 + 9
                for entry in row {
                    switch entry.sample {
                    case .line(let color, let dash, let marker):
                        svg.line(x1: cx, y1: cy, x2: cx + 26, y2: cy, stroke: color, width: 2, dash: dash)
                        marker?.draw(into: &svg, x: cx + 13, y: cy, size: 6, color: color)
                    case .swatch(let color):
                        svg.rect(x: cx + 6, y: cy - 6, width: 14, height: 12, fill: color)
                    case .marker(let marker, let color):
                        marker.draw(into: &svg, x: cx + 13, y: cy, size: 8, color: color)
                    }
                    svg.text(PlotArea.truncate(entry.label, labelLimit), x: cx + 32, y: cy + 4)
                    cx += entryWidth(entry)
                }
            }
        }
    }
}
