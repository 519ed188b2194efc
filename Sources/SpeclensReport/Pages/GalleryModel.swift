/// Values of `gallery.md`: charts as small thumbnails of their SVG files, grouped by figure kind
/// (same typing rules as `OverviewModel`). The gallery page shows the kinds with few charts in
/// full and links each kind with many (one chart per matrix and run) to a page of its own, so
/// that no page asks the browser for hundreds of images at once.
struct GalleryModel: TemplateModel {
    struct Item: TemplateModel {
        /// The chart's title (plain text).
        let caption: String
        /// Links relative to the page showing the thumbnail.
        let svgHref: String
        let csvHref: String
        let pageHref: String

        var templateFields: [String: TemplateValue] {
            [
                "captionHTML": .markup(HTMLText(escaping: caption)),
                "svgHref": .markup(HTMLText(escaping: svgHref)), "csvHref": .markup(HTMLText(escaping: csvHref)),
                "pageHref": .markup(HTMLText(escaping: pageHref)),
            ]
        }
    }

    /// The charts of one kind: in full, or a link to the page that has them.
    struct Kind: TemplateModel {
        let title: String
        let anchor: String
        let count: Int
        /// Empty when the kind has a page of its own.
        let charts: [Item]
        /// The kind's own page, relative to the gallery; nil when its charts are shown here.
        let pageHref: String?

        var templateFields: [String: TemplateValue] {
            [
                "titleHTML": .markup(HTMLText(escaping: title)), "anchorHTML": .markup(HTMLText(escaping: anchor)),
                "count": .markup("\(count)"), "charts": .models(charts),
                "pageHref": .markup(HTMLText(escaping: pageHref ?? "")), "hasPage": .flag(pageHref != nil),
            ]
        }
    }

    /// The page's heading (plain text).
    let title: String
    let chartCount: String
    /// Links back to the main gallery (on a kind's own page).
    let galleryHref: String?
    let kinds: [Kind]

    var templateFields: [String: TemplateValue] {
        [
            "title": .text(title), "chartCount": .text(chartCount), "kinds": .models(kinds),
            "galleryHref": .text(galleryHref ?? ""), "isKindPage": .flag(galleryHref != nil),
        ]
    }
}
