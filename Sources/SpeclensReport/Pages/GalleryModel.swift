/// Values of `gallery.md` (plain text throughout, escaped by `{{…}}` for Markdown).
struct GalleryModel: TemplateModel {
    struct Item: TemplateModel {
        let caption: String
        let svgHref: String
        let csvHref: String

        var templateFields: [String: TemplateValue] {
            ["caption": .text(caption), "svgHref": .text(svgHref), "csvHref": .text(csvHref)]
        }
    }

    struct Group: TemplateModel {
        let title: String
        let pageHref: String
        let charts: [Item]

        var templateFields: [String: TemplateValue] {
            ["title": .text(title), "pageHref": .text(pageHref), "charts": .models(charts)]
        }
    }

    let chartCount: String
    let groups: [Group]

    var templateFields: [String: TemplateValue] {
        ["chartCount": .text(chartCount), "groups": .models(groups)]
    }
}
