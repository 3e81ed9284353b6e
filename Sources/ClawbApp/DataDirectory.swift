import Foundation

/// The data directory holds the database and generated secrets, so it is created private (0700).
enum DataDirectory {
    static func prepare(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ConfigurationError(message: "CLAWB_DATA_DIR \(path) exists and is not a directory.")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError(message: "Cannot create CLAWB_DATA_DIR \(path): \(error.localizedDescription)")
        }
    }
}
