import SpeclensCheckpoints
import SpeclensDataset

/// Plans the steps of a stack: adapters trained one after another and applied in order on the
/// base (sequential tasks). Step k is W0 with the first k adapters applied, analysed against the
/// base; each adapter is planned (and checked) on its own first. Step k ≥ 2 is also compared
/// with step k − 1 (``RunPlan/previousStep``, ``PlannedMatrix/previousStep``).
enum StackPlanner {
    /// The step plans of `adapters` (each already planned against the base, in order), with ids
    /// `stem-step1`, `stem-step2`, … made unique among `taken`.
    static func steps(
        _ plans: [RunPlan], paths: [String], spec: RunSpec, stem: String, taken: inout Set<RunID>
    ) -> [RunPlan] {
        var previous: RunPlan?
        return (1...plans.count).map { count in
            let applied = Array(plans.prefix(count))
            var matrices: [String: PlannedMatrix] = [:]
            for name in Set(applied.flatMap(\.matrices.keys)) {
                let changes = applied.compactMap { plan -> PlannedMatrix? in
                    guard let matrix = plan.matrices[name] else { return nil }
                    if case .unchanged = matrix.update { return nil }
                    return matrix
                }
                switch changes.count {
                case 0: matrices[name] = applied.lazy.compactMap { $0.matrices[name] }.first
                case 1: matrices[name] = changes[0]
                default:
                    matrices[name] = PlannedMatrix(
                        tunedName: changes.map(\.tunedName).joined(separator: " + "), matchedBy: changes[0].matchedBy,
                        orientation: changes[0].orientation, update: .sequence(changes.map(\.update)))
                }
            }
            // From step 2 on, each matrix also says how it goes from the previous step to this one.
            if let previous {
                for name in matrices.keys {
                    let own = plans[count - 1].matrices[name]?.update ?? .unchanged
                    matrices[name]?.previousStep = StepUpdate(
                        previous: previous.matrices[name]?.update ?? .unchanged, step: own)
                }
            }
            var seen = Set<String>()
            let excluded = applied.flatMap(\.excluded).filter { seen.insert("\($0.side.rawValue)|\($0.name)").inserted }
                .sorted { ($0.name, $0.side) < ($1.name, $1.side) }
            var stepSpec = spec
            stepSpec.label = "\(spec.label ?? stem) · step \(count)"
            let last = applied[applied.count - 1]
            var step = RunPlan(
                id: RunID.unique(stem: "\(stem)-step\(count)", taken: &taken), path: last.path,
                checkpoint: last.checkpoint, matrices: matrices, excluded: excluded,
                findings: applied.flatMap(\.findings), spec: stepSpec, stack: Array(paths.prefix(count)))
            step.previousStep = previous?.id
            previous = step
            return step
        }
    }
}
