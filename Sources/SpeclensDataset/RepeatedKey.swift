/// A key that a dataset list holds twice, where it must be unique: a run id in `runs`, or a
/// matrix name in `base.matrices` or in one run's `matrices` (found by ``DatasetIndex``).
struct RepeatedKey: Error, Equatable, Sendable, CustomStringConvertible {
    /// The list, as a path in the dataset (`runs`, `base.matrices`, `runs[2].matrices`).
    let field: String
    /// What its keys are (`run id`, `matrix name`).
    let what: String
    /// The repeated key.
    let key: String
    /// The positions of its first and its repeated record in the list.
    let first: Int
    let repeated: Int

    /// `runs[3] repeats the run id lora of runs[1]`, in the style of the other consistency checks.
    var description: String {
        "\(field)[\(repeated)] repeats the \(what) \(key) of \(field)[\(first)]"
    }
}
