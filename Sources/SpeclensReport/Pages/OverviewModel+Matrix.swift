extension OverviewModel {
    struct Matrix: TemplateModel {
        let name: HTMLText
        /// Link to the matrix's detail (page or anchor); nil when it has none.
        let href: HTMLText?
        /// The matrix's random-direction baseline (its expected max |cos|, three decimals).
        let baseline: HTMLText
        let shape: HTMLText
        let layer: HTMLText
        let module: HTMLText
        let cells: [Cell]

        var templateFields: [String: TemplateValue] {
            [
                "nameHTML": .markup(name), "href": .markup(href ?? .empty), "hasHref": .flag(href != nil),
                "baseline": .markup(baseline), "shape": .markup(shape), "layer": .markup(layer),
                "moduleHTML": .markup(module), "cells": .models(cells),
            ]
        }
    }
}
