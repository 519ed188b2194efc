/// For step k ≥ 2 of a stack, how one base matrix goes from step k − 1 to step k: the update
/// that makes step k − 1's weights from W0 (all earlier adapters; `.unchanged` when none of them
/// changes the matrix) and the k-th adapter's own update on top of it (`.unchanged` when it does
/// not change the matrix). The analysis merges the first, decomposes it and compares step k
/// with it (``PreviousStepAnalysis``).
struct StepUpdate: Sendable {
    /// W0 → W_{k−1}.
    let previous: MatrixUpdate
    /// W_{k−1} → W_k: the step's own adapter.
    let step: MatrixUpdate

}
