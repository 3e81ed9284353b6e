import ClawbHTTP
import ClawbHTTPServer
import ClawbTesting
import Foundation
import Glibc
import Synchronization
import Testing

/// Lets a request through once `parties` requests are inside the handler at the same time.
final class Barrier: Sendable {
    let parties: Int
    let arrived = Mutex(0)
    let open = DispatchSemaphore(value: 0)

    init(parties: Int) { self.parties = parties }

    /// True when `parties` requests were inside at the same time within one second. A
    /// request that gives up leaves, so requests that run one after another never fill it.
    func arriveAndWait() -> Bool {
        let count = arrived.withLock { count -> Int in
            count += 1
            return count
        }
        if count == parties { for _ in 0..<parties { open.signal() } }
        if open.wait(timeout: .now() + 1) == .success { return true }
        arrived.withLock { $0 -= 1 }
        return false
    }
}

/// A handler for exercising the adapter alone: echoes the body, or sleeps on `/slow`.
struct EchoHandler: HTTPHandler {
    var barrier: Barrier?

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.bodyLimitExceeded { return HTTPResponse(status: 413, body: Array("too large".utf8)) }
        if let refused = request.protocolError {
            return HTTPResponse(status: refused.status, body: Array(refused.message.utf8))
        }
        if request.path == "/slow" { usleep(1_500_000) }
        if request.path == "/barrier", let barrier {
            return HTTPResponse(status: barrier.arriveAndWait() ? 200 : 503)
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/plain")
        let text =
            "\(request.method) \(request.path) \(request.queryValue("q") ?? "-") \(request.body.count) \(request.remoteAddress ?? "?")"
        return HTTPResponse(status: 200, headers: headers, body: Array(text.utf8))
    }
}

@Suite("libmicrohttpd adapter over a loopback socket", .serialized)
struct LoopbackServerTests {
    static func startServer(
        handler: EchoHandler = EchoHandler(), _ adjust: (inout HTTPServerConfiguration) -> Void = { _ in }
    )
        throws -> HTTPServer
    {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.maxBodyBytes = 1024
        configuration.shutdownGraceSeconds = 5
        adjust(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        return server
    }

    @Test("keep-alive: two requests on one connection, neither closes it")
    func keepAlive() throws {
        let server = try Self.startServer()
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /a?q=1 HTTP/1.1\r\nHost: t\r\n\r\n")
        let first = try #require(try client.readResponse())
        #expect(first.status == 200 && first.bodyText == "GET /a 1 0 127.0.0.1")
        #expect(first.header("Connection")?.lowercased() != "close")
        try client.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        let second = try #require(try client.readResponse())
        #expect(second.status == 200 && second.bodyText == "POST /b - 2 127.0.0.1")
        #expect(second.header("Connection")?.lowercased() != "close")
    }

    @Test("a declared body over the limit is refused with 413 before it is read")
    func contentLengthTooLarge() throws {
        let server = try Self.startServer()
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n")
        let response = try #require(try client.readResponse())
        #expect(response.status == 413)
    }

    @Test("a chunked body that grows over the limit gets 413")
    func chunkedTooLarge() throws {
        let server = try Self.startServer()
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: server.port)
        let chunk = String(repeating: "a", count: 800)
        try client.send(
            "POST /b HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n0\r\n\r\n"
        )
        let response = try #require(try client.readResponse())
        #expect(response.status == 413)
    }

    @Test("Content-Length together with Transfer-Encoding is refused")
    func ambiguousFraming() throws {
        let server = try Self.startServer()
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n"
        )
        let response = try #require(try client.readResponse())
        #expect(response.status == 400 && response.bodyText == HTTPError.ambiguousFraming().message)
        // Ambiguity comes first, whatever the order of the headers and the coding named.
        let other = try RawHTTPClient(port: server.port)
        try other.send("POST /b HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd")
        let refused = try #require(try other.readResponse())
        #expect(refused.status == 400 && refused.bodyText == HTTPError.ambiguousFraming().message)
    }

    @Test("a malformed request line is answered 400 and the server keeps serving")
    func malformedRequestLine() throws {
        let server = try Self.startServer()
        defer { server.shutdown() }
        let bad = try RawHTTPClient(port: server.port)
        try bad.send("THIS IS NOT HTTP\r\n\r\n")
        let response = try bad.readResponse()
        #expect(response?.status == 400 || response == nil)
        let noHost = try RawHTTPClient(port: server.port)
        try noHost.send("GET /a HTTP/1.1\r\n\r\n")
        #expect(try noHost.readResponse()?.status == 400)
        let good = try RawHTTPClient(port: server.port)
        try good.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try good.readResponse()?.status == 200)
    }

    @Test("connections over the per-address limit are closed without an answer; others still work")
    func perAddressLimit() throws {
        let server = try Self.startServer { $0.perAddressConnectionLimit = 2 }
        defer { server.shutdown() }
        let first = try RawHTTPClient(port: server.port)
        let second = try RawHTTPClient(port: server.port)
        try first.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\n")
        try second.send("GET /b HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try first.readResponse()?.status == 200)
        #expect(try second.readResponse()?.status == 200)
        let third = try RawHTTPClient(port: server.port)
        try? third.send("GET /c HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect((try? third.readResponse()) ?? nil == nil, "the third connection from one address must be refused")
        // The first two keep working.
        try first.send("GET /a2 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try first.readResponse()?.status == 200)
    }

    @Test("requests that may write run off the polling worker: four POSTs are in the handler at once with one worker")
    func writesDoNotHoldTheWorker() throws {
        func run(blockingThreads: Int) throws -> [Int] {
            let server = try Self.startServer(handler: EchoHandler(barrier: Barrier(parties: 4))) {
                $0.threads = 1
                $0.blockingThreads = blockingThreads
            }
            defer { server.shutdown() }
            let statuses = Mutex<[Int]>([])
            let group = DispatchGroup()
            for _ in 0..<4 {
                group.enter()
                Thread {
                    let client = try? RawHTTPClient(port: server.port, receiveTimeoutSeconds: 10)
                    try? client?.send("POST /barrier HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
                    let status = (try? client?.readResponse())??.status ?? 0
                    statuses.withLock { $0.append(status) }
                    group.leave()
                }.start()
            }
            _ = group.wait(timeout: .now() + 20)
            return statuses.withLock { $0 }.sorted()
        }
        #expect(try run(blockingThreads: 8) == [200, 200, 200, 200])
        // Inline on one worker they run one after another, so the barrier can never fill.
        #expect(try run(blockingThreads: 0).allSatisfy { $0 == 503 })
    }

    @Test("shutdown with a short grace waits for a write running on the pool, then closes cleanly")
    func shutdownDuringPooledWrite() throws {
        let server = try Self.startServer { $0.shutdownGraceSeconds = 0.2 }
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        usleep(150_000)
        let started = Date()
        server.shutdown()
        let waited = Date().timeIntervalSince(started)
        // The 1.5 s handler was allowed to finish (no connection freed under it), and shutdown
        // did not wait much longer than that.
        #expect(waited > 1.0 && waited < 5, "shutdown took \(waited) s")
    }

    @Test("a client that stops mid-request is disconnected after the timeout")
    func slowClientTimeout() throws {
        let server = try Self.startServer { $0.connectionTimeoutSeconds = 1 }
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: server.port, receiveTimeoutSeconds: 5)
        try client.send("GET /a HTTP/1.1\r\nHost: t\r\n")
        let started = Date()
        #expect(client.isClosedByServer())
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 0.5 && waited < 4.5, "closed after \(waited) s")
    }

    @Test("shutdown stops accepting, drains the in-flight request, then closes")
    func gracefulShutdown() throws {
        let server = try Self.startServer()
        let port = server.port
        let client = try RawHTTPClient(port: port)
        try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(150_000)
        #expect(server.inFlightRequests == 1)
        let shutdownDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            server.shutdown()
            shutdownDone.signal()
        }
        // New connections are refused while the old request is still running (it sleeps
        // 1.5 s; the listener closes as soon as shutdown starts, which may take a moment on a
        // loaded machine, so poll for it).
        var refused = false
        let deadline = Date().addingTimeInterval(1.2)
        while !refused, Date() < deadline {
            if (try? RawHTTPClient(port: port)) == nil { refused = true } else { usleep(20_000) }
        }
        #expect(refused, "the listener was still accepting during shutdown")
        #expect(server.inFlightRequests == 1, "the slow request is still in flight when new connections are refused")
        let response = try #require(try client.readResponse())
        #expect(response.status == 200 && response.bodyText.hasPrefix("GET /slow"))
        #expect(shutdownDone.wait(timeout: .now() + 5) == .success)
    }
}
