/// A dense float32 matrix in row-major order, as a checkpoint stores a weight: for an
/// `nn.Linear` weight `rows` is `out` and `columns` is `in`.
public struct Matrix: Equatable, Sendable {
    /// Number of rows (`out` for a linear layer).
    public let rows: Int
    /// Number of columns (`in` for a linear layer).
    public let columns: Int
    /// `rows × columns` values, row after row: element (i, j) is `values[i * columns + j]`.
    public var values: [Float]

    /// A matrix over `values` (row-major); `values.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(
            rows >= 0 && columns >= 0 && values.count == rows * columns,
            "Matrix(\(rows)x\(columns)) given \(values.count) values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A `rows × columns` matrix of zeros.
    /// Matrices with the same number of rows, placed side by side (columns concatenated).
    public init(sideBySide parts: [Matrix]) {
        let rows = parts.first?.rows ?? 0
        let columns = parts.reduce(0) { $0 + $1.columns }
        var values = [Float]()
        values.reserveCapacity(rows * columns)
        for row in 0..<rows {
            for part in parts {
                values += part.values[(row * part.columns)..<((row + 1) * part.columns)]
            }
        }
        self.init(rows: rows, columns: columns, values: values)
    }

    /// Matrices with the same number of columns, one below the other (rows concatenated).
    public init(stacked parts: [Matrix]) {
        self.init(
            rows: parts.reduce(0) { $0 + $1.rows }, columns: parts.first?.columns ?? 0,
            values: parts.flatMap(\.values))
    }

    public init(zeros rows: Int, _ columns: Int) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows * columns))
    }

    /// Element (i, j).
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// `[rows, columns]`.
    public var shape: [Int] { [rows, columns] }

    /// The transpose, `columns × rows`.
    public func transposed() -> Matrix {
        var out = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for i in 0..<rows {
                    for j in 0..<columns {
                        target[j * rows + i] = source[i * columns + j]
                    }
                }
            }
        }
        return Matrix(rows: columns, columns: rows, values: out)
    }
}
