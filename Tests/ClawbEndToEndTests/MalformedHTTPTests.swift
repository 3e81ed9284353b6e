import ClawbTesting
import Foundation
import Glibc
import Testing

/// Malformed and hostile HTTP against a real `clawbd` over raw sockets: whatever arrives, the
/// server answers a 4xx (or closes the connection), never a 5xx, never hangs, and serves
/// well-formed requests afterwards.
@Suite("malformed HTTP against clawbd", .serialized)
struct MalformedHTTPTests {
    static let token = "malformed-admin-token-0123456789abcdef"

    static let cases: [(String, [UInt8])] = [
        ("garbage request line", Array("GARBAGE\r\n\r\n".utf8)),
        ("unknown HTTP version", Array("GET /api/healthz HTTP/9.9\r\nHost: x\r\n\r\n".utf8)),
        ("no version", Array("GET /api/healthz\r\nHost: x\r\n\r\n".utf8)),
        (
            "100 KB request line",
            Array("GET /\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        ),
        (
            "40 KB header",
            Array(
                "GET /api/healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 40_000))\r\n\r\n".utf8)
        ),
        (
            "2,000 headers",
            Array(
                ("GET /api/healthz HTTP/1.1\r\nHost: x\r\n" + (0..<2000).map { "X-H\($0): v\r\n" }.joined() + "\r\n")
                    .utf8)
        ),
        (
            "conflicting Content-Length",
            Array("POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x".utf8)
        ),
        ("negative Content-Length", Array("POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".utf8)),
        (
            "huge Content-Length",
            Array("POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n".utf8)
        ),
        ("two Hosts", Array("GET /api/healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n".utf8)),
        ("header without colon", Array("GET /api/healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n".utf8)),
        ("space before colon", Array("GET /api/healthz HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n".utf8)),
        ("non-ASCII path", [UInt8]("GET /api/".utf8) + [0xff, 0xfe] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
        (
            "bad chunk size",
            Array(
                "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"
                    .utf8)
        ),
        (
            "overflowing chunk size",
            Array(
                "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"
                    .utf8)
        ),
        (
            "chunk longer than declared",
            Array(
                "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}}}}}\r\n0\r\n\r\n"
                    .utf8)
        ),
        (
            "unknown transfer coding",
            Array("POST /api/v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n".utf8)
        ),
        (
            "body that is not JSON",
            Array(
                "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{{{{{"
                    .utf8)
        ),
    ]

    /// Odd but answered normally: RFC 9112 §2.2 lets a recipient accept a bare LF as a line
    /// end, and libmicrohttpd cuts a header value at a NUL byte before the server sees it (the
    /// value ends there; what follows is ignored, so it cannot smuggle anything).
    static let tolerated: [(String, [UInt8])] = [
        (
            "NUL in a header value",
            [UInt8]("GET /api/healthz HTTP/1.1\r\nHost: x\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8)
        ),
        ("bare LF line ends", Array("GET /api/healthz HTTP/1.1\nHost: x\n\n".utf8)),
    ]

    @Test("each malformed request gets a 4xx or a closed connection, and the server keeps serving")
    func malformedRequests() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.token)
        defer { _ = server.terminate() }
        for (name, bytes) in Self.cases {
            let client = try RawHTTPClient(port: server.port, receiveTimeoutSeconds: 10)
            try? client.send(bytes)
            if let response = try client.readResponse(), response.status != 0 {
                #expect(
                    (400..<500).contains(response.status) || [501, 505].contains(response.status),
                    "\(name): \(response.head)")
            }
            #expect(try Self.healthy(server), "after \(name)")
        }
        for (name, bytes) in Self.tolerated {
            let client = try RawHTTPClient(port: server.port)
            try client.send(bytes)
            #expect(try client.readResponse()?.status == 200, "\(name)")
        }
        let log = (try? String(contentsOfFile: directory + "/clawbd.stderr", encoding: .utf8)) ?? ""
        #expect(!log.contains("internal_error") && !log.contains("Fatal"), "\(log.suffix(2000))")
    }

    @Test("pipelined requests are answered in order; early disconnects leave nothing behind")
    func pipeliningAndDisconnects() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.token)
        defer { _ = server.terminate() }
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "GET /api/healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                + "GET /api/readyz HTTP/1.1\r\nHost: x\r\n\r\n")
        let statuses = try (0..<4).map { _ in try client.readResponse()?.status ?? 0 }
        #expect(statuses == [200, 404, 401, 200], "\(statuses)")

        // Disconnect mid-body, after the headers of a write, and mid-headers: 50 times each.
        for _ in 0..<50 {
            for partial in [
                "POST /api/v1/admin/workspaces HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.token)\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":",
                "POST /api/v1/admin/workspaces HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.token)\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n",
                "GET /api/healthz HTTP/1.1\r\nHo",
            ] {
                let dropped = try RawHTTPClient(port: server.port)
                try dropped.send(partial)
                dropped.disconnect()
            }
        }
        // A client that sends its headers a few bytes at a time is still served.
        let slow = try RawHTTPClient(port: server.port)
        for piece in ["GET /api/hea", "lthz HTTP/1.1\r", "\nHost: x\r\n", "\r\n"] {
            try slow.send(piece)
            usleep(200_000)
        }
        #expect(try slow.readResponse()?.status == 200)
        #expect(try Self.healthy(server))
        // Nothing was half-created by the dropped writes.
        let admin = try RawHTTPClient(port: server.port)
        try admin.send(
            "GET /api/v1/admin/workspaces HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.token)\r\n\r\n")
        let listed = try #require(try admin.readResponse())
        #expect(listed.status == 200 && String(decoding: listed.body, as: UTF8.self) == #"{"items":[],"ok":true}"#)
    }

    static func healthy(_ server: ClawbdProcess) throws -> Bool {
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /api/healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        return try client.readResponse()?.status == 200
    }
}
