import Foundation
import Glibc

/// A bare TCP client for loopback tests of what only the server does: framing, keep-alive,
/// limits, timeouts. Speaks raw bytes so malformed requests can be sent.
public final class RawHTTPClient {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    public init(port: UInt16, receiveTimeoutSeconds: Int = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket failed") }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // No close here: every stored property is set, so deinit runs even when init throws,
        // and closing twice could close a descriptor another test has just been given.
        guard status == 0 else { throw TestFailure("connect to \(port) failed: errno \(errno)") }
    }

    deinit { close(descriptor) }

    /// Hangs up in both directions now, as a client that goes away mid-request does.
    public func disconnect() { shutdown(descriptor, Int32(SHUT_RDWR)) }

    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw TestFailure("send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one HTTP/1.1 response (headers, then `Content-Length` bytes). Nil when the
    /// server closed the connection before sending anything.
    public func readResponse() throws -> RawResponse? {
        // Bytes past this response (pipelined answers arriving in one segment) stay in `pending`.
        var buffer = pending
        pending = []
        while true {
            if let end = Self.headerEnd(buffer) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                let response = RawResponse(head: head, body: [])
                let length = Int(response.header("Content-Length") ?? "0") ?? 0
                var body = Array(buffer[(end + 4)...])
                while body.count < length {
                    guard let chunk = try receiveChunk() else { break }
                    body += chunk
                }
                pending = Array(body.dropFirst(length))
                return RawResponse(head: head, body: Array(body.prefix(length)))
            }
            guard let chunk = try receiveChunk() else {
                return buffer.isEmpty ? nil : RawResponse(head: String(decoding: buffer, as: UTF8.self), body: [])
            }
            buffer += chunk
        }
    }

    /// True when the server has closed the connection (read returns end-of-file).
    public func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    private func receiveChunk() throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        if count == 0 { return nil }
        guard count > 0 else { throw TestFailure("recv failed or timed out: errno \(errno)") }
        return Array(chunk.prefix(count))
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

public struct RawResponse {
    public let head: String
    public let body: [UInt8]

    public var status: Int {
        let parts = head.split(separator: " ", maxSplits: 2)
        return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }

    public func header(_ name: String) -> String? {
        for line in head.split(separator: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
