/// Values of `gallery.md` (same naming rules as `OverviewModel`).
struct GalleryModel {
    struct Item {
        let caption: String
        let svgHref: String
        let csvHref: String
    }

    struct Group {
        let title: String
        let pageHref: String
        let charts: [Item]
    }

    let chartCount: String
    let groups: [Group]
}
