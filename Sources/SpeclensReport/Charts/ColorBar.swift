/// A vertical colour bar for a `ColorScale`, drawn as stacked slices with ticks and a title.
struct ColorBar {
    var scale: ColorScale
    var ticks: [Double]
    var label: (Double) -> String
    var title: String

    /// Draws the bar in the rectangle (x, y, width, height); ticks and labels go to its right,
    /// the title above it.
    func draw(into svg: inout SVGBuilder, x: Double, y: Double, width: Double, height: Double) {
        svg.group(classes: [.colorbar]) { svg in
            let slices = 48
            let sliceHeight = height / Double(slices)
            for index in 0..<slices {
                let t = (Double(index) + 0.5) / Double(slices)
                let value = scale.lower + (scale.upper - scale.lower) * (1 - t)
                svg.rect(
                    x: x, y: y + Double(index) * sliceHeight, width: width, height: sliceHeight + 0.3,
                    fill: scale.color(value))
            }
            svg.rect(x: x, y: y, width: width, height: height, classes: [.frame])
            let linear = LinearScale(domain: (scale.lower, scale.upper), range: (y + height, y))
            for tick in ticks {
                let ty = linear(tick)
                svg.line(x1: x + width, y1: ty, x2: x + width + 4, y2: ty, classes: [.ax])
                svg.text(label(tick), x: x + width + 7, y: ty + 4)
            }
            svg.text(title, x: x, y: y - 8, classes: [.lbl, .ttl])
        }
    }
}
