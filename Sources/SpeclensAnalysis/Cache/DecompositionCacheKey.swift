import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// What identifies a cached base decomposition (``DecompositionCache``): everything that
/// decides the numbers LAPACK returns. Two matrices share an entry only when all fields agree.
///
/// - The content: SHA-256 of the float32 values handed to LAPACK (the analysed matrix, row-major,
///   little-endian). They are the stored tensor's values converted exactly (F32, F16, BF16) or
///   rounded to float32 (F64), in the analysis orientation; the decomposition is a function of
///   these bytes, so a re-saved checkpoint (other header, other file) still hits.
/// - The stored dtype and shape, and whether the stored matrix was transposed (the orientation).
/// - How the decomposition is computed (``computation``) and the BLAS library, its kernels and
///   its thread count (``blas``): another OpenBLAS build or kernel set can round differently.
/// - The cache format version and the speclens version.
///
/// ``text`` spells the key out; it is stored inside every entry and compared on reading.
/// ``fileName`` is its SHA-256.
public struct DecompositionCacheKey: Sendable, Hashable {
    /// Version of the on-disk entry layout (``DecompositionCacheEntry``); part of every key.
    /// 2: the payload's checksum is XXH64 (was SHA-256). 3: a Gram-path entry stores its Gram
    /// side only (the header names the side derived on reading).
    public static let formatVersion = 3

    /// The decomposition the analysis stores for a base matrix. Change this text whenever the
    /// computation of the base decomposition changes (driver, job, fallback, precision), so
    /// that entries of the former computation are never read.
    public static let computation =
        "thin U Σ Vᵀ: for out ≥ 2·in or in ≥ 2·out, float64 Gram eigen-decomposition (dsyrk, dsyevd; σ = √λ; the Gram side stored, the other W·v/σ in float64 from it when read) unless σ_p/σ_1 < 1e-3; else LAPACK sgesdd jobz=S (sgesvd on non-convergence), float32"

    /// SHA-256 (hex) of the analysed matrix's float32 values.
    public let contentDigest: String
    /// The tensor's shape as stored.
    public let storedShape: [Int]
    /// The tensor's dtype as stored (safetensors' spelling, e.g. `BF16`).
    public let storedDType: String
    /// Whether the stored matrix is transposed into the analysis orientation.
    public let transposed: Bool
    /// The analysed matrix's `[rows, columns]`.
    public let analysedShape: [Int]
    /// How the decomposition is computed (``computation``).
    public let computationText: String
    /// The BLAS library and its settings (``blas``).
    public let blasText: String
    /// The speclens version.
    public let speclensVersion: String

    /// The key of `analysed` (the matrix as given to LAPACK).
    /// - Parameters:
    ///   - storedShape: the tensor's shape as stored.
    ///   - storedDType: its dtype as stored.
    ///   - transposed: whether `analysed` is the stored matrix transposed.
    ///   - blas: the BLAS description; default ``blas`` as the library runs now.
    public init(
        analysed: Matrix, storedShape: [Int], storedDType: String, transposed: Bool,
        blas: String = DecompositionCacheKey.blas, speclensVersion: String = ToolInfo.speclensVersion
    ) {
        contentDigest = analysed.values.withUnsafeBytes { SHA256Digest.of($0) }.hex
        self.storedShape = storedShape
        self.storedDType = storedDType
        self.transposed = transposed
        analysedShape = analysed.shape
        computationText = Self.computation
        blasText = blas
        self.speclensVersion = speclensVersion
    }

    /// OpenBLAS's build description (version, kernel set) and the number of threads it uses
    /// now, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64; core Haswell; threads 1`.
    public static var blas: String { blas(threads: OpenBLASRuntime.threads) }

    /// ``blas`` for a decomposition computed with `threads` OpenBLAS threads: give the count the
    /// job runs with when it is set per job (reading the global setting while other jobs change
    /// it would race).
    public static func blas(threads: Int) -> String {
        "\(OpenBLASRuntime.configuration); core \(OpenBLASRuntime.coreName); threads \(threads)"
    }

    /// The key spelled out, one `field: value` line each; stored in the entry.
    public var text: String {
        [
            "speclens base decomposition",
            "format: \(Self.formatVersion)",
            "speclens: \(speclensVersion)",
            "content: sha256:\(contentDigest)",
            "stored shape: \(storedShape.map(String.init).joined(separator: "x"))",
            "stored dtype: \(storedDType)",
            "orientation: \(transposed ? "transposed" : "as stored")",
            "analysed shape: \(analysedShape.map(String.init).joined(separator: "x"))",
            "computation: \(computationText)",
            "blas: \(blasText)",
        ].joined(separator: "\n")
    }

    /// The entry's file name: the SHA-256 (hex) of ``text`` and `.svd`.
    public var fileName: String {
        SHA256Digest.of(text).hex + Self.fileExtension
    }

    /// The file-name extension of entries.
    static let fileExtension = ".svd"

    /// Whether `name` is an entry's file name (64 lower-case hex digits and `.svd`).
    static func isEntryName(_ name: String) -> Bool {
        guard name.hasSuffix(fileExtension) else { return false }
        let stem = name.dropLast(fileExtension.count)
        return stem.count == 64 && stem.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
