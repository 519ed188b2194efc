import Foundation
import SpeclensDataset
import SpeclensOutput
import Synchronization

/// An append-only record of finished matrix jobs beside an analysis's output (e.g.
/// `dataset.json.journal`), so that an analysis stopped by Ctrl-C, `kill -9` or a crash resumes
/// where it stopped and writes byte for byte the dataset an uninterrupted run writes.
///
/// Each finished job is recorded with the content fingerprint of the tensors it read
/// (``MatrixJob/inputFingerprint()``); a resumed analysis reuses a job only while its inputs
/// still have that fingerprint, so an input changed in place invalidates exactly the jobs that
/// read it. Every line is flushed to the disk (`fsync`) as it is appended.
///
/// Each line is `CHECKSUM JSON`: a 16-digit FNV-1a 64 checksum of the JSON that follows. The
/// first line is a ``JournalHeader`` naming the analysis (refused when it is another one), each
/// further line a ``JournalEntry``. Lines are appended whole with `O_APPEND`, so a process killed
/// at any point leaves at most a torn last line; reading stops at the first line that is torn or
/// fails its checksum, and the file is cut back to the lines before it.
public final class AnalysisJournal: Sendable {
    /// The format version written in the header. Raised whenever the computation behind the
    /// journaled results changes, so that a resumed analysis never mixes results of two builds:
    /// 2 since top triplets and long matrices' decompositions come from the float64 Gram matrix
    /// (docs/method.md §1.6); 3 since the Gram matrix of a low-rank update comes from W0's
    /// decomposition and the factors; 4 since a long base matrix's σ is √λ and its compared side,
    /// when derived, is compared without being formed (``DerivedSingularVectors``); 5 since each
    /// job records the content fingerprint of its inputs and the header no longer names sizes.
    static let formatVersion = 5

    /// Where the journal is.
    public let path: String
    /// Results of jobs finished by earlier attempts, by base matrix name (the last recorded).
    let finished: [String: MatrixJobResult]
    /// The input fingerprint each of ``finished`` was computed from.
    let finishedInputs: [String: UInt64]
    /// The open file (appending) and how many jobs it holds.
    private let file: Mutex<(descriptor: Int32, jobs: Int)>

    /// The journal conventionally kept beside `output`.
    public static func path(for output: String) -> String { output + ".journal" }

    /// Opens the journal at `path` for the analysis `identity` (the dataset it would write with
    /// no matrix analysed): reads what earlier attempts finished, or starts a new journal when
    /// there is none, it is empty, or `fresh` is set.
    /// - Throws: ``AnalysisError/journalMismatch(journal:field:journalValue:currentValue:)`` when
    ///   the journal belongs to another analysis; ``AnalysisError/journalUnusable(journal:reason:)``
    ///   when it is not a journal or cannot be read or written.
    init(path: String, identity: SpectralDataset, fresh: Bool = false) throws {
        var identity = identity
        identity.base.files = []  // inputs are identified by content, job by job
        self.path = path
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase

        var finished: [String: MatrixJobResult] = [:]
        var inputs: [String: UInt64] = [:]
        var keep = 0  // bytes of valid lines to keep
        let existing = fresh ? nil : FileManager.default.contents(atPath: path)
        if let data = existing, let headerEnd = data.firstIndex(of: UInt8(ascii: "\n")) {
            guard let payload = Self.verified(data[data.startIndex..<headerEnd]),
                let header = try? decoder.decode(JournalHeader.self, from: payload),
                header.speclensJournal == Self.formatVersion
            else {
                throw AnalysisError.journalUnusable(
                    journal: path, reason: "it is not a speclens journal of this version, or its first line is damaged")
            }
            if header.identity != identity {
                let difference = try? header.identity.firstHeaderDifference(from: identity)
                throw AnalysisError.journalMismatch(
                    journal: path, field: difference?.field ?? "the analysis",
                    journalValue: difference?.value ?? "one thing", currentValue: difference?.otherValue ?? "another")
            }
            keep = headerEnd + 1 - data.startIndex
            var start = headerEnd + 1
            while start < data.endIndex, let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) {
                guard let payload = Self.verified(data[start..<end]),
                    let entry = try? decoder.decode(JournalEntry.self, from: payload)
                else { break }
                // A job run again after its inputs changed is recorded again: the last one counts.
                finished[entry.job] = entry.result
                inputs[entry.job] = UInt64(entry.inputs, radix: 16)
                keep = end + 1 - data.startIndex
                start = end + 1
            }
        }
        self.finished = finished
        self.finishedInputs = inputs

        let descriptor: Int32
        if keep > 0 {
            descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard descriptor >= 0, ftruncate(descriptor, off_t(keep)) == 0 else {
                throw AnalysisError.journalUnusable(journal: path, reason: String(cString: strerror(errno)))
            }
        } else {
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw AnalysisError.journalUnusable(journal: path, reason: String(cString: strerror(errno)))
            }
        }
        file = Mutex((descriptor, finished.count))
        if keep == 0 {
            let header = JournalHeader(speclensJournal: Self.formatVersion, identity: identity)
            do {
                try append(try Self.encoded(header, with: encoder))
            } catch {
                unlink(path)  // a full or read-only disk: leave no empty journal behind
                throw error
            }
            DurableWrite.syncFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
    }

    deinit {
        file.withLock { _ = close($0.descriptor) }
    }

    /// Appends the result of the finished job `name`, computed from inputs with fingerprint
    /// `inputs` (``MatrixJob/inputFingerprint()``).
    func record(_ name: String, _ result: MatrixJobResult, inputs: UInt64) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let entry = JournalEntry(job: name, result: result, inputs: String(format: "%016llx", inputs))
        try append(try Self.encoded(entry, with: encoder))
        file.withLock { $0.jobs += 1 }
    }

    /// How many jobs the journal holds (earlier attempts' and this one's).
    var jobCount: Int { file.withLock { $0.jobs } }

    /// Removes the journal at `path` (after the output it led to is written).
    public static func discard(at path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes one whole line with one `write` where the system allows it.
    private func append(_ line: Data) throws {
        try file.withLock { state in
            try line.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < bytes.count {
                    let written = write(state.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw AnalysisError.journalUnusable(journal: path, reason: String(cString: strerror(errno)))
                    }
                    offset += written
                }
            }
            guard fsync(state.descriptor) == 0 else {
                throw AnalysisError.journalUnusable(journal: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// `CHECKSUM JSON\n` for `value`.
    private static func encoded(_ value: some Encodable, with encoder: JSONEncoder) throws -> Data {
        let json = try encoder.encode(value)
        var line = Data(String(format: "%016llx ", checksum(json)).utf8)
        line.append(json)
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The JSON of a line whose checksum matches; nil for a torn or damaged line.
    private static func verified(_ line: Data) -> Data? {
        guard line.count > 17, line[line.startIndex + 16] == UInt8(ascii: " "),
            let expected = UInt64(String(decoding: line.prefix(16), as: UTF8.self), radix: 16)
        else { return nil }
        let json = line.dropFirst(17)
        return checksum(json) == expected ? Data(json) : nil
    }

    /// FNV-1a 64 of `bytes`.
    private static func checksum(_ bytes: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
