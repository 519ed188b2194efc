/// Values of `compare.md`: a module type's or a layer's matrices side by side, runs as columns
/// (same typing rules as `OverviewModel`).
struct CompareModel: TemplateModel {
    /// A run's column heading: its line sample and label.
    struct Column: TemplateModel {
        let label: HTMLText
        let swatch: HTMLText

        var templateFields: [String: TemplateValue] { ["labelHTML": .markup(label), "swatch": .markup(swatch)] }
    }

    struct Cell: TemplateModel {
        let value: HTMLText
        /// Highlighted (intruders at ε).
        let hot: Bool

        var templateFields: [String: TemplateValue] { ["value": .markup(value), "hot": .flag(hot)] }
    }

    /// A matrix's row: its readable name (the layer on a module-type page, the module on a layer
    /// page), the link to its page, and a cell per run.
    struct Row: TemplateModel {
        let name: HTMLText
        let href: HTMLText?
        let cells: [Cell]
        /// A totals row (no link, set apart).
        let total: Bool

        var templateFields: [String: TemplateValue] {
            [
                "nameHTML": .markup(name), "href": .markup(href ?? .empty), "hasHref": .flag(href != nil),
                "cells": .models(cells), "total": .flag(total),
            ]
        }
    }

    /// One measure for every matrix and run.
    struct Table: TemplateModel {
        let title: String
        let anchor: String
        let rows: [Row]

        var templateFields: [String: TemplateValue] {
            [
                "titleHTML": .markup(HTMLText(escaping: title)), "anchorHTML": .markup(HTMLText(escaping: anchor)),
                "rows": .models(rows),
            ]
        }
    }

    /// `module type` or `layer`.
    let kind: String
    let name: String
    /// The heading of the first column: `layer` or `module`.
    let rowHeading: String
    /// The group's own page.
    let groupHref: String
    let matrixCount: String
    let runCount: String
    let epsilon: String
    let columns: [Column]
    let tables: [Table]
    /// The previous and next page of the same kind: name and link.
    let previous: (name: String, href: String)?
    let next: (name: String, href: String)?

    var templateFields: [String: TemplateValue] {
        [
            "kind": .text(kind), "name": .text(name), "rowHeading": .text(rowHeading), "groupHref": .text(groupHref),
            "matrixCount": .text(matrixCount), "runCount": .text(runCount), "epsilon": .text(epsilon),
            "columns": .models(columns), "tables": .models(tables),
            "previousHref": .text(previous?.href ?? ""), "previousName": .text(previous?.name ?? ""),
            "hasPrevious": .flag(previous != nil),
            "nextHref": .text(next?.href ?? ""), "nextName": .text(next?.name ?? ""), "hasNext": .flag(next != nil),
        ]
    }
}
