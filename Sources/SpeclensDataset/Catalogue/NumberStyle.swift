/// How a number is written for readers (the report maps each to its formatter).
public enum NumberStyle: Sendable, Equatable {
    /// Fixed decimals (`1.50` for 2).
    case fixed(Int)
    /// Significant digits (`0.0123` for 3).
    case significant(Int)
    /// A whole number.
    case integer
    /// The mean of a list, with fixed decimals; `–` for an empty list.
    case meanFixed(Int)
    /// One decimal below 10, none from 10 on (a heat-map cell).
    case adaptive
    /// Rounded to this many significant digits, then written as briefly as possible (`0.012`).
    case compact(Int)
}
