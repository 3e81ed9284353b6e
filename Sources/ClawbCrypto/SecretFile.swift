import Glibc

/// Writing a secret (a key, a token) to disk: the file is created with mode 0600 from the
/// start, so there is no moment when it is readable by others, never overwrites an existing
/// file, and is fsynced before this returns.
public enum SecretFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// True when the file already existed (nothing was written).
        public let alreadyExists: Bool
    }

    public static func create(at path: String, contents: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let exists = errno == EEXIST
            throw Failure(
                description: exists
                    ? "\(path) already exists; refusing to overwrite it."
                    : "Cannot create \(path): \(String(cString: strerror(errno))).", alreadyExists: exists)
        }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw Failure(
                description: "Cannot write \(path): \(String(cString: strerror(errno))).", alreadyExists: false)
        }
    }
}
