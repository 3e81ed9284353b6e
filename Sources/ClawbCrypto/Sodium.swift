import CSodium

/// The one place libsodium is initialised. `sodium_init` is idempotent and thread-safe, but it
/// must run before any other call; every public entry point of this module goes through
/// `Sodium.ready` first.
enum Sodium {
    /// Evaluated once, lazily and thread-safely, by Swift's global initialisation rules.
    static let ready: Bool = {
        let status = sodium_init()
        // 0: initialised now; 1: already initialised. -1 means the library cannot be used,
        // and carrying on without a working RNG would be worse than stopping.
        precondition(status >= 0, "libsodium failed to initialise")
        return true
    }()

    @inline(__always)
    static func ensureReady() {
        _ = ready
    }
}
