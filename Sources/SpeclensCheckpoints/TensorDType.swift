/// An element type of a safetensors tensor, as spelled in the file header (`"dtype": "F32"`).
///
/// The raw value is the header string. Sizes are in bits because the 4- and 6-bit float types
/// pack several elements into one byte; a whole tensor occupies `ceil(elements × bits / 8)` bytes.
public enum TensorDType: String, Codable, Sendable, CaseIterable {
    /// Boolean, one byte per element.
    case BOOL
    /// Unsigned 8-bit integer.
    case U8
    /// Signed 8-bit integer.
    case I8
    /// Signed 16-bit integer.
    case I16
    /// Unsigned 16-bit integer.
    case U16
    /// IEEE 754 half precision (binary16), little-endian.
    case F16
    /// bfloat16 (the upper 16 bits of a float32), little-endian.
    case BF16
    /// Signed 32-bit integer.
    case I32
    /// Unsigned 32-bit integer.
    case U32
    /// IEEE 754 single precision (binary32), little-endian.
    case F32
    /// IEEE 754 double precision (binary64), little-endian.
    case F64
    /// Signed 64-bit integer.
    case I64
    /// Unsigned 64-bit integer.
    case U64
    /// Complex number of two float32 values (real, imaginary): 64 bits.
    case C64
    /// 8-bit float, 5 exponent and 2 mantissa bits.
    case F8_E5M2
    /// 8-bit float, 4 exponent and 3 mantissa bits.
    case F8_E4M3
    /// 8-bit float holding only an exponent (a scale factor).
    case F8_E8M0
    /// 8-bit float E4M3 without negative zero or infinities ("fnuz").
    case F8_E4M3FNUZ
    /// 8-bit float E5M2 without negative zero or infinities ("fnuz").
    case F8_E5M2FNUZ
    /// 6-bit float, 2 exponent and 3 mantissa bits.
    case F6_E2M3
    /// 6-bit float, 3 exponent and 2 mantissa bits.
    case F6_E3M2
    /// 4-bit float (E2M1).
    case F4

    /// Size of one element in bits (4 for `F4`, 6 for the `F6` types, otherwise a multiple of 8).
    public var bitsPerElement: Int {
        switch self {
        case .F4: return 4
        case .F6_E2M3, .F6_E3M2: return 6
        case .BOOL, .U8, .I8, .F8_E5M2, .F8_E4M3, .F8_E8M0, .F8_E4M3FNUZ, .F8_E5M2FNUZ: return 8
        case .I16, .U16, .F16, .BF16: return 16
        case .I32, .U32, .F32: return 32
        case .F64, .I64, .U64, .C64: return 64
        }
    }

    /// Whether ``SafetensorsFile/matrix(_:)`` can read a 2-D tensor of this type into float32:
    /// true for `F32`, `F16`, `BF16` and `F64`.
    public var isSupportedMatrixType: Bool {
        switch self {
        case .F32, .F16, .BF16, .F64: return true
        default: return false
        }
    }
}
