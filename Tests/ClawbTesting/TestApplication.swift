import ClawbApp
import ClawbCore
import ClawbHTTP
import ClawbSQLite
import Foundation

/// The real application (router, middleware, domain, SQLite in a temporary directory) driven
/// in memory through the same `HTTPApplication.handle` the server calls.
public final class TestApplication: @unchecked Sendable {
    // @unchecked Sendable: all stored properties are immutable after init and Sendable
    // themselves, except `application`, which is a Sendable struct.
    public static let adminToken = "test-admin-token-0123456789abcdefghij"

    public let application: Application
    public let clock: TestClock
    public let logSink = MemoryLogSink()
    public let dataDirectory: String

    public init(clock: TestClock = TestClock(), configure: (inout Configuration) -> Void = { _ in }) throws {
        dataDirectory = try TemporaryDirectory.make()
        var configuration = Configuration()
        configuration.storage.dataDirectory = dataDirectory
        configuration.storage.durability = .normal
        configuration.security.adminToken = Self.adminToken
        configuration.bootstrapFirstWorkspace = false
        configuration.logLevel = .debug
        configure(&configuration)
        self.clock = clock
        application = try buildApplication(configuration: configuration, clock: clock, logSink: logSink)
    }

    deinit {
        application.storage.close()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// Sends a request through the whole application. `json` is sent as the raw body with
    /// `Content-Type: application/json` unless `headers` says otherwise.
    @discardableResult
    public func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], json: String? = nil,
        from address: String = "127.0.0.1"
    ) -> TestResponse {
        var allHeaders = HTTPHeaders()
        if json != nil, !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            allHeaders.add("Content-Type", "application/json")
        }
        for (name, value) in headers { allHeaders.add(name, value) }
        let (pathOnly, query) = Self.split(path)
        let request = HTTPRequest(
            method: method, path: pathOnly, query: query, headers: allHeaders,
            body: json.map { Array($0.utf8) } ?? [], remoteAddress: address)
        return TestResponse(application.handler.handle(request))
    }

    /// A request as the operator.
    @discardableResult
    public func admin(_ method: String, _ path: String, json: String? = nil) -> TestResponse {
        request(method, path, headers: [("Authorization", "Bearer \(Self.adminToken)")], json: json)
    }

    /// Creates a workspace through the operator API; returns its id and first key.
    public func createWorkspace(
        name: String = "acme", mode: String = "test"
    ) throws -> (id: String, key: String, keyID: String) {
        let response = admin("POST", "/api/v1/admin/workspaces", json: #"{"name":"\#(name)","mode":"\#(mode)"}"#)
        guard response.status == 201, let workspace = response.json["workspace"] as? [String: Any],
            let id = workspace["workspace_id"] as? String, let key = response.json["api_key"] as? String,
            let keyInfo = response.json["key"] as? [String: Any], let keyID = keyInfo["key_id"] as? String
        else {
            throw TestFailure("workspace creation failed: \(response.status) \(response.text)")
        }
        return (id, key, keyID)
    }

    /// Every audit event of a workspace, oldest first, read from the store.
    public func auditEvents(_ workspaceID: String) throws -> [AuditEvent] {
        guard let id = WorkspaceID(workspaceID) else { throw TestFailure("bad workspace id \(workspaceID)") }
        return try application.storage.read { try $0.auditEvents(workspace: id, afterSequence: 0, limit: 100_000) }
    }

    public func verifyChain(_ workspaceID: String) throws -> AuditVerification {
        guard let id = WorkspaceID(workspaceID) else { throw TestFailure("bad workspace id \(workspaceID)") }
        return try AuditLog(clock: clock).verify(workspace: id, storage: application.storage)
    }

    static func split(_ path: String) -> (String, [(name: String, value: String)]) {
        guard let mark = path.firstIndex(of: "?") else { return (path, []) }
        let query = path[path.index(after: mark)...].split(separator: "&").map {
            pair -> (name: String, value: String) in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return (
                String(parts[0]).removingPercentEncoding ?? "",
                parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
            )
        }
        return (String(path[..<mark]), query)
    }
}

/// A response with its body parsed as JSON (test-side parsing only).
public struct TestResponse: @unchecked Sendable {
    public let status: Int
    public let headers: HTTPHeaders
    public let text: String
    public let json: [String: Any]

    init(_ response: HTTPResponse) {
        status = response.status
        headers = response.headers
        var body = response.body
        if let stream = response.stream {
            // Drain a streamed body the way the server would, chunk by chunk.
            while let chunk = try? stream.nextChunk() { body += chunk }
        }
        text = String(decoding: body, as: UTF8.self)
        json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// The `error` code of an error envelope.
    public var errorCode: String? { json["error"] as? String }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum TemporaryDirectory {
    public static func make() throws -> String {
        let path = NSTemporaryDirectory() + "clawb-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
