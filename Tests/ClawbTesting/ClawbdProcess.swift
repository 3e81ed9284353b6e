import Foundation
import Glibc

/// Runs the real `clawbd` binary (path in `CLAWB_TEST_CLAWBD`, set by scripts/test.sh) on a
/// free port with a given data directory, for crash and signal tests.
public final class ClawbdProcess {
    public let process = Process()
    public let port: UInt16
    public let stderrPath: String

    public static var binaryPath: String? { builtBinary("clawbd") }

    /// A product built next to clawbd (`clawbd` itself, `clawb`). scripts/test.sh exports
    /// CLAWB_TEST_CLAWBD; by hand, after `swift build`, the build folder is found from the
    /// test runner's own path.
    public static func builtBinary(_ name: String) -> String? {
        var folders: [URL] = []
        if let path = ProcessInfo.processInfo.environment["CLAWB_TEST_CLAWBD"] {
            folders.append(URL(fileURLWithPath: path).deletingLastPathComponent())
        }
        var runner = URL(fileURLWithPath: CommandLine.arguments[0])
        for _ in 0..<4 {
            runner.deleteLastPathComponent()
            folders.append(runner)
        }
        return folders.map { $0.appendingPathComponent(name).path }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    public init(dataDirectory: String, adminToken: String, extraEnvironment: [String: String] = [:]) throws {
        guard let binary = Self.binaryPath else {
            throw TestFailure(
                "clawbd binary not found: run `swift build` first or set CLAWB_TEST_CLAWBD (scripts/test.sh does)")
        }
        port = try Self.freePort()
        stderrPath = dataDirectory + "/clawbd.stderr"
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary)
        var environment = [
            "PATH": "/usr/bin:/bin", "CLAWB_ADMIN_TOKEN": adminToken, "CLAWB_DATA_DIR": dataDirectory,
            "CLAWB_LISTEN": "127.0.0.1:\(port)", "CLAWB_BOOTSTRAP": "false",
        ]
        environment.merge(extraEnvironment) { _, new in new }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try ProcessLaunch.run(process)
        try waitUntilHealthy()
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func waitUntilHealthy(timeoutSeconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if let client = try? RawHTTPClient(port: port, receiveTimeoutSeconds: 2) {
                try? client.send("GET /api/healthz HTTP/1.1\r\nHost: t\r\n\r\n")
                if let response = try? client.readResponse(), response.status == 200 { return }
            }
            guard process.isRunning else { throw TestFailure("clawbd exited early: \(stderrText)") }
            usleep(50_000)
        }
        throw TestFailure("clawbd did not become healthy: \(stderrText)")
    }

    public var stderrText: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func terminate() -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A port the kernel just handed out and released.
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw TestFailure("could not find a free port") }
        return UInt16(bigEndian: address.sin_port)
    }
}
