/// The Okabe–Ito colour-blind-safe palette for series, each with a dash pattern and a marker shape
/// so that series stay apart in grey-scale print too.
enum CategoricalPalette {
    /// Blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow.
    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
    /// SVG `stroke-dasharray` values (empty: solid).
    static let dashes = ["", "6 3", "2 2", "8 3 2 3", "4 4"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }
    static func dash(_ index: Int) -> String { dashes[index % dashes.count] }
    static func marker(_ index: Int) -> ChartMarker { ChartMarker.allCases[index % ChartMarker.allCases.count] }

    /// Colour of intruder marks (vermillion) and of ordinary values (blue).
    static let intruder = "#D55E00"
    static let ordinary = "#0072B2"
}
