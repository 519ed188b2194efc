/// The colours of series, each with a dash pattern and a marker shape so that series stay apart in
/// grey-scale print too. Colour-blind-aware (Okabe–Ito blue, vermillion, bluish green and reddish
/// purple, with mid-tone ochre, slate violet, olive and magenta in place of its light orange, sky
/// blue and yellow), and every colour has a contrast of at least 3 : 1 (WCAG, graphics) against
/// both the light (white) and the dark theme background.
enum CategoricalPalette {
    /// Blue, vermillion, bluish green, reddish purple, ochre, slate violet, olive, magenta.
    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#A6761D", "#7570B3", "#999933", "#E7298A"]
    /// SVG `stroke-dasharray` values (empty: solid).
    static let dashes = ["", "6 3", "2 2", "8 3 2 3", "4 4"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }
    static func dash(_ index: Int) -> String { dashes[index % dashes.count] }
    static func marker(_ index: Int) -> ChartMarker { ChartMarker.allCases[index % ChartMarker.allCases.count] }

    /// Colour of intruder marks (vermillion) and of ordinary values (blue).
    static let intruder = "#D55E00"
    static let ordinary = "#0072B2"
}
