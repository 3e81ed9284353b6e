import CMalloc

/// The C allocator's own figures. The process's RSS alone cannot tell a leak (memory in use
/// that keeps growing) from memory the allocator keeps after it was freed (held free in its
/// per-thread arenas); these figures can, and the metrics expose them for that reason.
public enum AllocatorMemory {
    public struct Figures {
        /// Bytes handed out to the program and not yet freed.
        public var inUseBytes: Int
        /// Bytes freed by the program that the allocator still holds.
        public var freeBytes: Int
    }

    /// Summed over every arena; takes each arena's lock briefly. Zeros off glibc.
    public static func read() -> Figures {
        let figures = clawb_malloc_read()
        return Figures(inUseBytes: Int(figures.in_use_bytes), freeBytes: Int(figures.free_bytes))
    }

    /// Returns the free pages of every arena to the system; true when something was released.
    @discardableResult
    public static func trim() -> Bool { clawb_malloc_trim() == 1 }
}
