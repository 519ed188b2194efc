/// Where a file of the report sits, relative to the site's root: a page (`index.html`,
/// `matrices/<slug>.html`) or a chart's files without their extension (`charts/overview/<stem>`).
/// A page's path knows how deep it is, and so gives the relative link from it to any other file;
/// the constructors below are the one place each kind of file is placed.
struct SitePath: Hashable, Sendable, CustomStringConvertible {
    /// The path relative to the site root, folders separated by `/`.
    let path: String

    /// The file at `path` (relative to the site root).
    init(_ path: String) { self.path = path }

    var description: String { path }

    /// The number of folders between the site root and the file.
    var depth: Int { path.reduce(0) { $1 == "/" ? $0 + 1 : $0 } }

    /// The relative link from a page here to the site root: `""` at the root, `"../"` one folder
    /// down, and so on.
    var root: String { String(repeating: "../", count: depth) }

    /// The relative link from a page here to `target`, up to the site root and down again.
    func link(to target: SitePath) -> String { root + target.path }

    /// The file's name: the link to it from a page in the same folder.
    var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// This path with `.extension` added (a chart's `svg` or `csv` file).
    func adding(extension ext: String) -> SitePath { SitePath(path + "." + ext) }
}

extension SitePath {
    /// The overview page.
    static let overview = SitePath("index.html")
    /// The page of the random-direction probe, LoRA alignment and mitigation.
    static let updates = SitePath("updates.html")
    /// The chart gallery.
    static let gallery = SitePath("gallery.html")
    /// A figure kind's own gallery page.
    static func galleryPage(_ kind: FigureKind) -> SitePath { SitePath("gallery/\(kind.slug).html") }
    /// A matrix's page.
    static func matrixPage(slug: String) -> SitePath { SitePath("matrices/\(slug).html") }
    /// A module type's page.
    static func modulePage(slug: String) -> SitePath { SitePath("modules/\(slug).html") }
    /// A layer's page.
    static func layerPage(_ layer: Int) -> SitePath { SitePath("layers/layer-\(layer).html") }
    /// A module type's side-by-side page.
    static func compareModulePage(slug: String) -> SitePath { SitePath("compare/module-\(slug).html") }
    /// A layer's side-by-side page.
    static func compareLayerPage(_ layer: Int) -> SitePath { SitePath("compare/layer-\(layer).html") }

    /// A chart of the overview.
    static func overviewChart(_ stem: String) -> SitePath { SitePath("charts/overview/\(stem)") }
    /// A chart of the updates page.
    static func updatesChart(_ stem: String) -> SitePath { SitePath("charts/updates/\(stem)") }
    /// A chart of a matrix's page (`stem`: what it shows, after the run's slug when per run).
    static func matrixChart(slug: String, _ stem: String) -> SitePath { SitePath("charts/matrices/\(slug)/\(stem)") }
    /// A chart of a module type's page.
    static func moduleChart(slug: String, _ stem: String) -> SitePath { SitePath("charts/modules/\(slug)-\(stem)") }
    /// A chart of a layer's page.
    static func layerChart(_ layer: Int, _ stem: String) -> SitePath {
        SitePath("charts/layers/layer-\(layer)-\(stem)")
    }
}
