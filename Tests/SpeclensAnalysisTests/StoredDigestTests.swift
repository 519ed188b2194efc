import Foundation
import SpeclensAnalysis
import SpeclensCheckpoints
import Testing

/// The SHA-256 digests the analysis stores (cache keys, experiment keys) pinned to values computed
/// with Python's hashlib, so that a change of the SHA-256 implementation cannot change them.
@Suite("Stored SHA-256 digests are the same as before")
struct StoredDigestTests {
    @Test(
        "a cache key's content digest is the SHA-256 of the float32 values, and its file name the SHA-256 of its text")
    func cacheKey() {
        let matrix = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        let key = DecompositionCacheKey(
            analysed: matrix, storedShape: [2, 3], storedDType: "F32", transposed: false, blas: "test BLAS",
            speclensVersion: "0")
        #expect(key.contentDigest == "24ae2dfe8df57c1b80e54cef3d90ac3b417fd98973345a5f616bbc9a75dcc202")
        #expect(key.fileName == SHA256Digest.of(key.text).hex + ".svd")
    }

    @Test("an experiment key is the SHA-256 of its lines (manifest, settings, a missing input)")
    func experimentKey() {
        let key = ExperimentAnalysisKey.key(
            manifest: Data("base: b\n".utf8), settings: ["x"], inputs: ["/nonexistent/speclens-test"])
        #expect(key == "a092ec58b04c7961870b34c5525666e722762ea84f53564ab6a27ca6ddabf9b8")
    }
}
