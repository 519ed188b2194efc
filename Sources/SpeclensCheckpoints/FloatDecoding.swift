/// Bulk conversion of little-endian tensor bytes to float32, with unaligned loads (old
/// safetensors files do not align their data).
enum FloatDecoding {
    /// float32 value of every IEEE binary16 bit pattern, built once: index = bit pattern.
    /// A table lookup is fast even in unoptimised builds, unlike per-element software conversion.
    static let halfToFloat: [Float] = (0...0xFFFF).map { Float(Float16(bitPattern: UInt16($0))) }

    /// Converts `count` elements of `dtype` (F32, F16, BF16 or F64) starting at the beginning of
    /// `raw` to float32. The caller guarantees `raw` holds at least `count` elements; any other
    /// dtype yields nil.
    static func floats(_ raw: UnsafeRawBufferPointer, dtype: TensorDType, count: Int) -> [Float]? {
        guard count >= 0, let size = byteSize(dtype),
            case (let needed, false) = count.multipliedReportingOverflow(by: size),
            needed <= raw.count
        else { return nil }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            switch dtype {
            case .F32:
                #if _endian(little)
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: raw[0..<needed]))
                #else
                    for i in 0..<count {
                        buffer[i] = Float(
                            bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    }
                #endif
            case .F16:
                halfToFloat.withUnsafeBufferPointer { table in
                    for i in 0..<count {
                        let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                        buffer[i] = table[Int(bits)]
                    }
                }
            case .BF16:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                    buffer[i] = Float(bitPattern: UInt32(bits) << 16)
                }
            default:  // .F64, the only other type byteSize accepts
                for i in 0..<count {
                    let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                    buffer[i] = Float(Double(bitPattern: bits))
                }
            }
            initialized = count
        }
    }

    /// Bytes per element of the float types this decoder reads; nil for any other type.
    static func byteSize(_ dtype: TensorDType) -> Int? {
        switch dtype {
        case .F32: return 4
        case .F16, .BF16: return 2
        case .F64: return 8
        default: return nil
        }
    }
}
