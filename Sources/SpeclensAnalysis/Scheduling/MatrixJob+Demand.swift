extension MatrixJob {
    /// The job's threads and memory, from its shape (``JobMemoryEstimate/demand(rows:columns:)``).
    var demand: JobDemand {
        JobMemoryEstimate.demand(rows: shape.first ?? 0, columns: shape.last ?? 0)
    }
}
