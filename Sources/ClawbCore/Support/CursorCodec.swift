import ClawbCrypto
import Foundation

/// Opaque, tamper-proof pagination cursors: `cur_` + base64url(scope|position) + `.` +
/// base64url(first 16 bytes of HMAC-SHA-256). The scope binds a cursor to one listing of one
/// workspace, so a forged cursor, or one from another workspace or listing, is refused with
/// 400 `invalid_cursor` instead of being trusted.
public struct CursorCodec: Sendable {
    let key: [UInt8]

    /// Name of the server secret holding the key.
    public static let secretName = "cursor_hmac_key"

    public init(key: [UInt8]) {
        self.key = key
    }

    public func encode(position: Int64, scope: String) -> String {
        let payload = Array("\(scope)|\(position)".utf8)
        let mac = Array(HMACSHA256.authenticate(payload, key: key).prefix(16))
        return "cur_" + Base64URL.encode(payload) + "." + Base64URL.encode(mac)
    }

    /// The position inside a cursor made by `encode` for the same scope.
    public func decode(_ cursor: String, scope: String) throws -> Int64 {
        let invalid = DomainError(.invalidCursor, "The cursor is not valid for this listing.", field: "cursor")
        guard cursor.hasPrefix("cur_"), cursor.count <= 512 else { throw invalid }
        let parts = cursor.dropFirst(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])),
            let mac = Base64URL.decode(String(parts[1])), mac.count == 16,
            ConstantTime.equals(Array(HMACSHA256.authenticate(payload, key: key).prefix(16)), mac)
        else { throw invalid }
        let text = String(decoding: payload, as: UTF8.self)
        guard let bar = text.lastIndex(of: "|"), String(text[..<bar]) == scope,
            let position = Int64(text[text.index(after: bar)...]), position >= 0
        else { throw invalid }
        return position
    }
}
