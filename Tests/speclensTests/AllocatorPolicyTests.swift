import Testing

@testable import speclens

@Suite("The executable's allocator settings")
struct AllocatorPolicyTests {
    @Test("glibc accepts both settings: the mmap threshold of 32 MiB and the trim threshold of 64 MiB")
    func glibcAcceptsTheSettings() {
        #expect(AllocatorPolicy.apply())
    }
}
