import SpeclensDataset

/// How one run is drawn in every chart of a report: its colour, dash pattern and marker shape.
///
/// The colour is the run's manifest colour, else one derived from its label: a stable hash of the
/// label picks a palette colour, so the same label gets the same colour in every report whatever
/// the run order. Labels are served in sorted order; a label whose colour is already taken by an
/// earlier one (or by a manifest colour) takes the next free palette colour, so up to
/// `CategoricalPalette.colors.count` runs have distinct colours. With more runs the palette is
/// used again, and runs stay apart by their dash pattern and marker: the k-th label in sorted order
/// gets dash `k mod 5` and marker `k mod 4` (so no two of up to 20 runs share all three), or,
/// when its colour is already used, the next combination whose dash and marker both differ from
/// those of every run of that colour.
struct RunStyle: Sendable, Equatable {
    /// `#rrggbb`.
    let color: String
    /// An SVG `stroke-dasharray` value (empty: solid).
    let dash: String
    let marker: ChartMarker

    /// The styles of `runs`, by position. Depends only on the set of labels (and manifest colours),
    /// not on the order of `runs`.
    static func assign(to runs: [FineTuneRun]) -> [RunStyle] {
        let palette = CategoricalPalette.colors.map { $0.lowercased() }
        let order = runs.indices.sorted { a, b in
            let la = runs[a].displayLabel
            let lb = runs[b].displayLabel
            return la != lb ? la < lb : runs[a].id.rawValue < runs[b].id.rawValue
        }
        let fixed = Set(runs.compactMap { $0.color?.rawValue })
        var taken = fixed
        var styles = [RunStyle?](repeating: nil, count: runs.count)
        for (position, index) in order.enumerated() {
            let run = runs[index]
            let color: String
            if let manifest = run.color {
                color = manifest.rawValue
            } else {
                if palette.allSatisfy(taken.contains) { taken = fixed }
                let start = Int(hash(run.displayLabel) % UInt64(palette.count))
                let free = (0..<palette.count).map { palette[(start + $0) % palette.count] }.first {
                    !taken.contains($0)
                }
                color = free ?? palette[start]
                taken.insert(color)
            }
            // Runs that share a colour (more runs than colours) differ in dash and marker both.
            let sameColor = styles.compactMap { $0 }.filter { $0.color == color }
            let dashes = CategoricalPalette.dashes
            let markers = ChartMarker.allCases
            let combinations = (0..<(dashes.count * markers.count)).map {
                (dashes[(position + $0) % dashes.count], markers[(position + $0) % markers.count])
            }
            let (dash, marker) =
                combinations.first { dash, marker in
                    sameColor.allSatisfy { $0.dash != dash && $0.marker != marker }
                } ?? combinations[0]
            styles[index] = RunStyle(color: color, dash: dash, marker: marker)
        }
        return styles.map { $0! }
    }

    /// The palette's style number `index` (colour, dash and marker in palette order), for series
    /// that are not runs of a report.
    static func palette(_ index: Int) -> RunStyle {
        RunStyle(
            color: CategoricalPalette.color(index), dash: CategoricalPalette.dash(index),
            marker: CategoricalPalette.marker(index))
    }

    /// 64-bit FNV-1a of `text`'s UTF-8 bytes: the same on every platform and in every run.
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return value
    }
}
