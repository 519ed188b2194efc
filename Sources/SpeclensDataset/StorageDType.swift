/// The floating-point format a weight was stored in (safetensors' spelling). Its rounding sets the
/// resolution below which a difference of two stored matrices is noise.
public enum StorageDType: String, Codable, Sendable, Hashable, CaseIterable {
    /// IEEE double precision (52 fraction bits).
    case f64 = "F64"
    /// IEEE single precision (23 fraction bits).
    case f32 = "F32"
    /// IEEE half precision (10 fraction bits, exponents −14 … 15).
    case f16 = "F16"
    /// bfloat16 (7 fraction bits, float32's exponent range).
    case bf16 = "BF16"

    /// Fraction bits of the format.
    public var fractionBits: Int {
        switch self {
        case .f64: return 52
        case .f32: return 23
        case .f16: return 10
        case .bf16: return 7
        }
    }

    /// The smallest normal exponent e (values ≥ 2^e are normal; below it the spacing is fixed).
    public var minimumExponent: Int {
        switch self {
        case .f64: return -1022
        case .f32, .bf16: return -126
        case .f16: return -14
        }
    }

    /// The spacing (unit in the last place) of the format at `value`: `2^(e − fractionBits)` for
    /// `2^e ≤ |value| < 2^(e+1)`, and `2^(minimumExponent − fractionBits)` for subnormals and 0.
    public func spacing(at value: Double) -> Double {
        let magnitude = abs(value)
        let exponent =
            magnitude > 0 && magnitude.isFinite ? max(Int(magnitude.exponent), minimumExponent) : minimumExponent
        return Double(sign: .plus, exponent: exponent - fractionBits, significand: 1)
    }
}
