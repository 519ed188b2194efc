/// The overview's runs: the table, the list with each run's remarks, the warnings box and the
/// remarks on effective ranks near storage resolution (part of `OverviewModel`).
struct OverviewRuns: TemplateModel {
    let runs: [OverviewModel.Run]
    let runHeaders: [OverviewModel.RunHeader]
    /// The reading ε's after the one in force (a column each in the runs table).
    let otherEpsilons: [HTMLText]
    /// Whether the runs table has the null-control columns (some run has controls).
    let hasControls: Bool
    /// Runs with warnings, for the box at the top.
    let warningLinks: [OverviewModel.WarningLink]
    /// Run-level caveats and notes on effective ranks near storage resolution.
    let storageCaveats: [HTMLText]
    let storageNotes: [HTMLText]

    var templateFields: [String: TemplateValue] {
        [
            "runs": .models(runs), "runHeaders": .models(runHeaders),
            "otherEpsilons": .list(otherEpsilons.map(TemplateValue.markup)),
            "hasOtherEpsilons": .flag(!otherEpsilons.isEmpty),
            "hasControls": .flag(hasControls),
            "warningLinks": .models(warningLinks), "hasWarningLinks": .flag(!warningLinks.isEmpty),
            "storageCaveats": .list(storageCaveats.map(TemplateValue.markup)),
            "storageNotes": .list(storageNotes.map(TemplateValue.markup)),
            "hasStorageRemarks": .flag(!storageCaveats.isEmpty || !storageNotes.isEmpty),
            "storageMark": .markup(HTMLText(escaping: StorageCaveat.mark)),
        ]
    }
}
