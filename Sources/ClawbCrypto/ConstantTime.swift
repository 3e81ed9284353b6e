import CSodium

/// Comparison of secrets whose duration does not depend on where they differ.
public enum ConstantTime {
    /// True when `a` and `b` hold the same bytes. Uses `sodium_memcmp`; a length mismatch answers
    /// `false` at once, which reveals only the length (public for every secret we compare).
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        Sodium.ensureReady()
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                sodium_memcmp(pa.baseAddress!, pb.baseAddress!, a.count) == 0
            }
        }
    }
}
