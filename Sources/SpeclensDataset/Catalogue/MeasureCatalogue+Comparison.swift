extension MeasureCatalogue {
    /// One matrix in one run: the scalar measures (lists follow in ``listMeasures``).
    static let comparisonMeasures: [Measure] = [
        Measure(
            "intruders", in: .comparison, type: "integer", label: "intruders", unit: "count of the top k",
            doc: "How many of the top-k fine-tuned vectors have max \\|cos\\| `< ε` (`parameters.epsilon`).",
            export: .column("intruders"), read: { .integer($0.comparison.intruders) }),
        Measure(
            "intruders_outside_span", in: .derived, type: "integer", label: "intruders outside the span", unit: "count",
            doc:
                "Of the intruders at ε, those whose `span_fraction_top_k` f has f² < 1/2 (they left the pre-trained span); 0 where the matrix records no span fractions.",
            export: .column("intruders_outside_span"),
            read: { .integer($0.comparison.intrudersOutsideSpan(epsilon: $0.parameters.epsilon)) }),
        Measure(
            "effective_rank", in: .comparison, type: "number or null", label: "effective rank of ΔW",
            unit: "rank (a real number ≥ 1)",
            doc:
                "Roy–Vetterli effective rank of ΔW: `p_i = σ_i/Σσ`, `exp(−Σ p_i ln p_i)` over the values above the cutoff ([method §4](method.md#4-effective-rank-of-the-update)). LoRA ΔW is the exact `s·B·A`, decomposed from its factors in float64; a full fine-tune's ΔW is the difference of the stored values, and so is a DoRA module's, whose change is full rank ([method §8](method.md#8-how-lora-adapters-are-merged)). Null when unchanged.",
            export: .column("effective_rank"), read: { .optional($0.comparison.effectiveRank, MeasureValue.real) },
            page: MeasurePage(order: 10, style: .fixed(2), marksStorageResolution: true),
            heatMap: MeasureHeatMap(
                stem: "effective-rank", short: "eff. rank", cell: .adaptive, csv: .fixed(4),
                placement: .effectiveRank, scale: .perRun, marksStorageResolution: true,
                value: { $0.effectiveRank })),
        Measure(
            "numerical_rank", in: .comparison, type: "integer", label: "numerical rank of ΔW", unit: "count",
            doc: "Singular values of ΔW above the cutoff.",
            export: .column("numerical_rank"), read: { .integer($0.comparison.numericalRank) },
            page: MeasurePage(order: 20, style: .integer)),
        Measure(
            "effective_rank_cutoff", in: .comparison, type: "number", label: "effective-rank cutoff σ",
            unit: "weight units",
            doc:
                "The cutoff: `max(σ_max(ΔW) · max(out, in) · 2⁻²⁴, rounding_noise_floor)`; values at or below it were dropped ([method §4](method.md#4-effective-rank-of-the-update)).",
            export: .column("effective_rank_cutoff"), read: { .real($0.comparison.effectiveRankCutoff) },
            page: MeasurePage(order: 70, style: .significant(3))),
        Measure(
            "near_storage_resolution", in: .comparison, type: "boolean", label: "near storage resolution",
            doc:
                "More than 80% of ΔW's `min(out, in)` singular values are at or below the cutoff: its effective rank depends on the storage rounding floor. Always false for exact LoRA updates.",
            export: .column("near_storage_resolution"),
            read: { .optional($0.comparison.nearStorageResolution, MeasureValue.flag) }),
        Measure(
            "frobenius_delta", in: .comparison, type: "number", label: "‖ΔW‖_F", unit: "weight units",
            doc: "‖ΔW‖_F.",
            export: .column("frobenius_delta"), read: { .real($0.comparison.frobeniusDelta) },
            page: MeasurePage(order: 40, style: .significant(4))),
        Measure(
            "spectral_norm_delta", in: .comparison, type: "number", label: "‖ΔW‖_2", unit: "weight units",
            doc: "‖ΔW‖_2, the largest singular value of ΔW.",
            export: .column("spectral_norm_delta"), read: { .real($0.comparison.spectralNormDelta) },
            page: MeasurePage(order: 50, style: .significant(4))),
        Measure(
            "relative_change", in: .comparison, type: "number or null", label: "relative change ‖ΔW‖_F / ‖W0‖_F",
            unit: "ratio",
            doc: "‖ΔW‖_F / ‖W0‖_F; null when W0 is zero.",
            export: .column("relative_change"), read: { .optional($0.comparison.relativeChange, MeasureValue.real) },
            page: MeasurePage(order: 60, style: .significant(4)),
            heatMap: MeasureHeatMap(
                stem: "relative-change", short: "‖ΔW‖/‖W0‖", cell: .compact(2), csv: .significant(6),
                placement: .norms, scale: .shared, value: { $0.changed ? $0.relativeChange : nil })),
        Measure(
            "stable_rank", in: .comparison, type: "number or null", label: "stable rank of ΔW",
            unit: "rank (a real number ≥ 1)",
            doc: "`Σσ² / σ_max²` of ΔW; null when unchanged.",
            export: .column("stable_rank"), read: { .optional($0.comparison.stableRank, MeasureValue.real) },
            page: MeasurePage(order: 30, style: .fixed(2))),
        Measure(
            "random_baseline_max_cosine", in: .baseMatrix, type: "number", label: "random-direction baseline",
            unit: "|cos| ∈ [0, 1]",
            doc:
                "The expected max \\|cos\\| of a uniformly random unit vector of the compared space (dimension `vector_dimension`) against the `min(out, in)` pre-trained vectors of that side, from a seeded 4,000-draw Monte Carlo per (n, p) ([method §1.4](method.md#14-the-random-direction-baseline)). A yardstick for ε: the same ε is stricter for small matrices. Older datasets hold `sqrt(2 ln n / n)` here.",
            export: .column("random_baseline_max_cosine"),
            read: { .optional($0.base?.randomBaselineMaxCosine, MeasureValue.real) }),
        Measure(
            "random_baseline_max_cosine_p95", in: .baseMatrix, type: "number",
            label: "random-direction baseline, 95th percentile", unit: "|cos| ∈ [0, 1]",
            doc: "The 95th percentile of the same distribution.",
            export: .column("random_baseline_max_cosine_p95"),
            read: { .optional($0.base?.randomBaselineMaxCosineP95, MeasureValue.real) }),
        Measure(
            "tuned_name", in: .comparison, type: "string", label: "paired tensor",
            doc:
                "Tensor it was paired with: the fine-tuned tensor, or for LoRA the adapter module (or the base name when the adapter leaves it unchanged).",
            export: .column("tuned_name"), read: { .text($0.comparison.tunedName) }),
        Measure(
            "singular_vectors", in: .baseMatrix, type: "string", label: "compared side",
            doc:
                "Side used for this matrix: `left` (columns of U, output space) or `right` (columns of V, input space).",
            export: .column("singular_vectors"),
            read: { .optional($0.base?.singularVectors.rawValue, MeasureValue.text) }),
        Measure(
            "vector_dimension", in: .baseMatrix, type: "integer", label: "vector dimension", unit: "dimension",
            doc: "Dimension n of the compared vectors (`out` for left, `in` for right).",
            export: .column("vector_dimension"), read: { .optional($0.base?.vectorDimension, MeasureValue.integer) }),
        Measure(
            "frobenius_norm", in: .baseMatrix, type: "number", label: "‖W0‖_F", unit: "weight units",
            doc: "‖W0‖_F (summed in float64).",
            export: .column("base_frobenius_norm"), read: { .optional($0.base?.frobeniusNorm, MeasureValue.real) }),
        Measure(
            "rounding_noise_floor", in: .comparison, type: "number or absent",
            label: "rounding floor of the storage formats", unit: "weight units",
            doc:
                "`σ_N · (√out + √in)` with `σ_N² = mean((ulp(w0)² + ulp(wt)²)/12)` in the two storage formats: the expected largest singular value of the rounding noise of a stored difference. Absent for exact LoRA updates and unchanged matrices.",
            export: .column("rounding_noise_floor"),
            read: { .optional($0.comparison.roundingNoiseFloor, MeasureValue.real) },
            page: MeasurePage(
                order: 80, style: .significant(3),
                label: { $0.row.comparison.roundingNoiseFloor == nil ? nil : "rounding floor of the storage formats" })),
        Measure(
            "intruder_energy_share", in: .comparison, type: "number or absent", label: "intruders' share of ‖ΔW‖²_F",
            unit: "fraction ∈ [0, 1]",
            doc:
                "The share of ‖ΔW‖²_F along the intruders' directions at the analysis ε, `Σ_{j∈J} ‖u_jᵀ ΔW‖² / ‖ΔW‖²_F` (u_j the intruders' vectors of Wt on the compared side); 0 without intruders; absent when unchanged and in older datasets.",
            export: .column("intruder_energy_share"),
            read: { .optional($0.comparison.intruderEnergyShare, MeasureValue.real) },
            page: MeasurePage(
                order: 100, style: .fixed(3),
                label: { context in
                    guard context.row.comparison.changed, context.row.comparison.intruderEnergyShare != nil else {
                        return nil
                    }
                    let at =
                        context.analysisEpsilon == context.epsilon
                        ? "" : " (intruders at the analysis ε = \(EpsilonLabel.text(context.analysisEpsilon)))"
                    return "intruders' share of ‖ΔW‖²_F" + at
                })),
        Measure(
            "tuned_decomposition", in: .comparison, type: "string or absent", label: "decomposition of Wt",
            doc:
                "Which computation gave Wt's singular vectors: `gram` (eigenvectors of the float64 Gram matrix, the default), `gram_low_rank` (the same, with the Gram matrix of `W0 + s·B·A` formed from W0's decomposition and the factors: LoRA runs and low-rank controls), `exact` (LAPACK's SVD), `randomized` (certified randomized top triplets, on request), `exact_fallback` (LAPACK after the randomized path could not certify) ([method §1.6](method.md#16-only-the-decompositions-the-answer-needs)). Absent when unchanged and in older datasets. `null_controls[].decomposition` says the same for each control.",
            export: .column("tuned_decomposition"),
            read: { .optional($0.comparison.tunedDecomposition?.rawValue, MeasureValue.text) }),
        Measure(
            "low_rank_measures.subspace_similarity", in: .comparison, type: "number",
            label: "subspace similarity with W0", unit: "fraction ∈ [0, 1]",
            doc:
                "For LoRA (`low_rank_measures` is absent otherwise): Hu et al. (2021, §7), `‖U_ΔWᵀ U_W0‖²_F / r` over the top-r left singular vectors of ΔW and of W0 (1: the same subspace; about r/out for unrelated ones) ([method §10](method.md)).",
            export: .column("lora_subspace_similarity"),
            read: { .optional($0.comparison.lowRankMeasures?.subspaceSimilarity, MeasureValue.real) },
            page: MeasurePage(
                order: 130, style: .fixed(3),
                label: { context in
                    context.row.comparison.lowRankMeasures.map {
                        "subspace similarity of ΔW's and W0's top-\($0.rank) left spaces"
                    }
                })),
        Measure(
            "low_rank_measures.amplification", in: .comparison, type: "number or null",
            label: "amplification ‖ΔW‖_F / ‖U_rᵀ W0 V_r‖_F", unit: "ratio",
            doc:
                "For LoRA: Hu et al. (2021, §7.3), `‖ΔW‖_F / ‖U_rᵀ W0 V_r‖_F` with U_r, V_r the top-r singular vectors of ΔW: how much the update amplifies directions W0 barely uses; null when the denominator is zero.",
            export: .column("lora_amplification"),
            read: { .optional($0.comparison.lowRankMeasures?.amplification, MeasureValue.real) },
            page: MeasurePage(
                order: 140, style: .significant(3),
                label: { context in
                    context.row.comparison.lowRankMeasures == nil ? nil : "amplification ‖ΔW‖_F / ‖U_rᵀ W0 V_r‖_F"
                })),
        Measure(
            "low_rank_measures.rank", in: .comparison, type: "integer", label: "rank of the update", unit: "rank",
            doc: "For LoRA: r, the update's rank (the adapter's, or the sum of a stack's).",
            export: .notExported(reason: "the adapter's r, as `lora_r`; a stack's sum is the sum of its steps'")),
    ]
}
