extension MeasureCatalogue {
    /// `runs[]`: the run's own fields.
    static let runMeasures: [Measure] = [
        Measure(
            "id", in: .run, type: "string", label: "run",
            doc:
                "Short unique id: the folder name (for a `.safetensors` or `.bin` file its stem, or its folder for `model.safetensors` / `adapter_model.safetensors` / `pytorch_model.bin` / `adapter_model.bin`), suffixed `-2`, `-3` … if repeated.",
            export: .column("run_id"), read: { .text($0.run.id.rawValue) }),
        Measure(
            "label", in: .run, type: "string or absent", label: "label",
            doc: "The label shown in tables and legends, verbatim from the manifest; absent: the id is shown.",
            export: .column("label"), read: { .optional($0.run.label, MeasureValue.text) }),
        Measure(
            "kind", in: .run, type: "`\"full\"` or `\"lora\"`", label: "run kind",
            doc: "Full fine-tune, or PEFT LoRA adapter merged as `W0 + s·B·A`.",
            export: .column("run_kind"), read: { .text($0.run.kind.rawValue) }),
        Measure(
            "lora.r", in: .run, type: "integer", label: "LoRA rank r", unit: "rank",
            doc:
                "For LoRA: the adapter's rank r. `lora` is `null` for full fine-tunes, and their LoRA columns are empty.",
            export: .column("lora_r"), read: { .optional($0.run.lora?.r, MeasureValue.integer) }),
        Measure(
            "lora.alpha", in: .run, type: "number", label: "LoRA α",
            doc: "For LoRA: `lora_alpha` from the adapter's config.",
            export: .column("lora_alpha"), read: { .optional($0.run.lora?.alpha, MeasureValue.real) }),
        Measure(
            "lora.use_rslora", in: .run, type: "boolean", label: "rsLoRA",
            doc: "For LoRA: whether the scale is α/√r (rsLoRA) rather than α/r.",
            export: .column("lora_use_rslora"), read: { .optional($0.run.lora?.useRslora, MeasureValue.flag) }),
        Measure(
            "lora.scale", in: .run, type: "number", label: "LoRA scale s", unit: "dimensionless",
            doc: "For LoRA: the scale s of `W0 + s·B·A` (α/r, or α/√r with rsLoRA).",
            export: .column("lora_scale"), read: { .optional($0.run.lora?.scale, MeasureValue.real) }),
        Measure(
            "lora.base_model_name_or_path", in: .run, type: "string or null", label: "declared base model",
            doc: "For LoRA: the base model the adapter's config names.",
            export: .notExported(reason: "provenance text, not a property of a row")),
        Measure(
            "lora.target_modules", in: .run, type: "array of strings", label: "target modules",
            doc: "For LoRA: the config's `target_modules`.",
            export: .notExported(reason: "configuration text; each row's `matched_by` says how its matrix was paired")),
        Measure(
            "lora.modules_to_save", in: .run, type: "array of strings", label: "modules to save",
            doc: "For LoRA: the config's `modules_to_save` (full copies of modules saved with the adapter).",
            export: .notExported(
                reason: "configuration text; a saved module's rows say `modules_to_save` in `matched_by`")),
        Measure(
            "tags", in: .run, type: "object or absent", label: "tags",
            doc:
                "Tags from the manifest (`method`, `rank`, `alpha`, `task` …): text, numbers or booleans, with `rank`, `alpha`, `rslora` and `dora` filled from the adapter where absent; absent in older datasets.",
            export: .named(prefix: "tag."),
            read: { row in
                .named(
                    (row.run.tags ?? [:]).mapValues { tag in
                        switch tag {
                        case .number(let value): return .real(value)
                        case .flag(let value): return .flag(value)
                        case .text(let value): return .text(value)
                        }
                    })
            }),
        Measure(
            "metrics", in: .run, type: "object or absent", label: "metrics", unit: "as supplied",
            doc:
                "Numbers the user measured and supplied in the manifest (accuracy, forgetting …), never computed by speclens; absent when none were given.",
            export: .named(prefix: "metric."), read: { .named(($0.run.metrics ?? [:]).mapValues(MeasureValue.real)) }),
        Measure(
            "path", in: .run, type: "string", label: "path",
            doc: "Path as given.",
            export: .notExported(reason: "a local path; the dataset keeps it, tables carry the run id")),
        Measure(
            "summary", in: .run, type: "object", label: "summary",
            doc: "Totals over the run's matrices (below).",
            export: .notExported(reason: "each total is a sum or mean over the run's rows")),
        Measure(
            "matrices", in: .run, type: "array", label: "matrices",
            doc: "One comparison per analysed matrix, in the order of `base.matrices` (below).",
            export: .notExported(reason: "these are the export's rows")),
        Measure(
            "skipped", in: .run, type: "array", label: "skipped tensors",
            doc:
                "Tensors not analysed, sorted by name then source: `name`; `source` (`base`, `tuned` or `adapter`); `reason_code` (below); `reason`, the same in words with its details (dtype, shape, pattern, names). Every base tensor the selection leaves out is listed in every run.",
            export: .notExported(reason: "tensors that have no row")),
        Measure(
            "warnings", in: .run, type: "array of strings", label: "warnings",
            doc:
                "Things a reader must know to read the run's numbers, one sentence each, in this order: the adapter's own (an adapter initialised with PiSSA/LoftQ is not a delta on the original base; LoRA biases), then the sanity checks below.",
            export: .notExported(reason: "sentences")),
        Measure(
            "notes", in: .run, type: "array of strings, or absent", label: "notes",
            doc:
                "Remarks that do not question the numbers, one sentence each; absent when there are none. Today: the adapter's `base_model_name_or_path` names neither the base's `config.json` `_name_or_path` nor its folder (names often differ for the same weights, e.g. a sentence-transformers model whose config keeps its backbone's name); a `.bin` file left unread because a safetensors twin was read.",
            export: .notExported(reason: "sentences")),
        Measure(
            "color", in: .run, type: "string or absent", label: "colour",
            doc: "A colour fixed in the manifest (`#rrggbb`); absent: derived from the label.",
            export: .notExported(reason: "a display choice, not a measurement")),
        Measure(
            "stack", in: .run, type: "array of strings, or absent", label: "stack",
            doc:
                "For one step of a stack (adapters applied in order on the base; [manifest](manifest.md)): the adapter paths applied up to this step; absent for other runs.",
            export: .notExported(reason: "local paths; a stack's steps are runs of their own")),
        Measure(
            "mitigation", in: .run, type: "object or absent", label: "mitigation",
            doc:
                "For an adapter written by `speclens mitigate`, from its `speclens-mitigation.json`: `source` (the original adapter), `top_k`, `epsilon`, `lambda`, and per module `module`, `base_name`, `intruder_indices`, `singular_values` (before), `mitigated_singular_values` (λ times those) and `intruder_energy_share`; absent otherwise.",
            export: .notExported(
                reason: "a record of what was done to the adapter, per adapter module rather than per row")),
        Measure(
            "against_previous_step", in: .run, type: "object or absent", label: "against the previous step",
            doc:
                "Only for step k ≥ 2 of a stack (`speclens analyze --manifest` with `stack:`; [manifest](manifest.md)): the step compared with step k − 1 instead of the base. `previous`: the previous step's run id; `matrices`: one comparison per matrix of the run, in the same order and with the fields of `runs[].matrices[]` below, where W0 stands for step k − 1's merged weights (max \\|cos\\| against all of its singular vectors, ΔW = the step's own update, `relative_change` against ‖W_{k−1}‖_F; `null_controls` empty); `summary`: their totals, as `runs[].summary`. Absent in datasets written before it existed.",
            export: .notExported(reason: "exported as rows of their own, with `reference` = `previous_step`")),
    ]
}
