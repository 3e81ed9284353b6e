import ClawbApp
import Foundation
import Testing

/// The allocator figures behind `clawb_malloc_*` and the trim the maintenance pass runs. Other
/// tests allocate in parallel, so each expectation leaves them a wide margin.
@Suite("C allocator figures and trim")
struct AllocatorMemoryTests {
    static let mebibyte = 1 << 20

    @Test("bytes in use follow a large allocation and its release")
    func inUseFollowsAllocations() {
        let before = AllocatorMemory.read().inUseBytes
        let block = UnsafeMutableRawPointer.allocate(byteCount: 128 * Self.mebibyte, alignment: 16)
        let holding = AllocatorMemory.read().inUseBytes
        block.deallocate()
        let after = AllocatorMemory.read().inUseBytes
        #expect(holding - before >= 96 * Self.mebibyte)
        #expect(holding - after >= 96 * Self.mebibyte)
    }

    @Test("trim returns freed small blocks to the system, which free alone does not")
    func trimReleasesFreedPages() throws {
        // 128 MiB in 1 KiB blocks, touched; all freed but the last, which pins the arena's top
        // so that free() cannot shrink it and only a trim gives the pages back.
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<(128 * 1024) {
            let block = UnsafeMutableRawPointer.allocate(byteCount: 1000, alignment: 8)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: 1000)
            blocks.append(block)
        }
        let pin = blocks.removeLast()
        defer { pin.deallocate() }
        for block in blocks { block.deallocate() }
        let freed = try Self.residentAnonymousBytes()
        #expect(AllocatorMemory.read().freeBytes >= 96 * Self.mebibyte)
        #expect(AllocatorMemory.trim())
        let trimmed = try Self.residentAnonymousBytes()
        #expect(freed - trimmed >= 64 * Self.mebibyte, "RssAnon \(freed) → \(trimmed)")
    }

    /// RssAnon from /proc/self/status: the process's resident anonymous memory.
    static func residentAnonymousBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        let kib = try #require(line.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        return kib * 1024
    }
}
