/// Values of `gallery.md`: every chart as a small thumbnail of its SVG file, grouped by figure
/// kind (same typing rules as `OverviewModel`).
struct GalleryModel: TemplateModel {
    struct Item: TemplateModel {
        /// The chart's title (plain text).
        let caption: String
        /// The page group it belongs to (`Overview`, a matrix name …).
        let group: String
        let svgHref: String
        let csvHref: String
        let pageHref: String

        var templateFields: [String: TemplateValue] {
            [
                "captionHTML": .markup(HTMLText(escaping: caption)), "groupHTML": .markup(HTMLText(escaping: group)),
                "svgHref": .markup(HTMLText(escaping: svgHref)), "csvHref": .markup(HTMLText(escaping: csvHref)),
                "pageHref": .markup(HTMLText(escaping: pageHref)),
            ]
        }
    }

    /// The charts of one kind.
    struct Kind: TemplateModel {
        let title: String
        let anchor: String
        let charts: [Item]
        /// Shown open; kinds with many charts (one per matrix and run) start folded, so that
        /// their thumbnails load only when opened.
        let open: Bool

        var templateFields: [String: TemplateValue] {
            [
                "titleHTML": .markup(HTMLText(escaping: title)), "anchorHTML": .markup(HTMLText(escaping: anchor)),
                "count": .markup("\(charts.count)"), "charts": .models(charts), "open": .flag(open),
            ]
        }
    }

    let chartCount: String
    let kinds: [Kind]

    var templateFields: [String: TemplateValue] {
        ["chartCount": .text(chartCount), "kinds": .models(kinds)]
    }
}
