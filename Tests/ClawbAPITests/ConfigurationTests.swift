import ClawbApp
import Testing

@Suite("Configuration from environment and flags")
struct ConfigurationTests {
    @Test("defaults match the documentation")
    func defaults() throws {
        let configuration = try Configuration.load(environment: [:], arguments: [])
        #expect(configuration.http.server.host == "127.0.0.1" && configuration.http.server.port == 8080)
        #expect(configuration.storage.dataDirectory == "./data")
        #expect(configuration.http.server.maxBodyBytes == 65536)
        #expect(configuration.effectivePublicURL == "http://127.0.0.1:8080/api")
        #expect(configuration.storage.durability == .full)
    }

    @Test("flags override environment variables")
    func precedence() throws {
        let configuration = try Configuration.load(
            environment: ["CLAWB_LISTEN": "127.0.0.1:9000", "CLAWB_HTTP_THREADS": "3"],
            arguments: ["--listen", "127.0.0.1:9001", "--data-dir=/tmp/x"])
        #expect(configuration.http.server.port == 9001 && configuration.http.server.threads == 3)
        #expect(configuration.storage.dataDirectory == "/tmp/x")
    }

    @Test(
        "bad settings are refused with one sentence naming the setting",
        arguments: [
            (["CLAWB_LISTEN": "8080"], [String](), "CLAWB_LISTEN"),
            (["CLAWB_HTTP_THREADS": "0"], [], "CLAWB_HTTP_THREADS"),
            (["CLAWB_MAX_BODY_BYTES": "lots"], [], "CLAWB_MAX_BODY_BYTES"),
            (["CLAWB_ADMIN_TOKEN": "short"], [], "CLAWB_ADMIN_TOKEN"),
            (["CLAWB_LOG_LEVEL": "loud"], [], "CLAWB_LOG_LEVEL"),
            (["CLAWB_DATABASE_URL": "postgres://x"], [], "CLAWB_DATABASE_URL"),
            (["CLAWB_PUBLIC_URL": "ftp://x"], [], "CLAWB_PUBLIC_URL"),
            ([:], ["--no-such-flag", "1"], "--no-such-flag"),
            ([:], ["--listen"], "--listen"),
        ] as [([String: String], [String], String)])
    func invalid(environment: [String: String], arguments: [String], mentions: String) {
        do {
            _ = try Configuration.load(environment: environment, arguments: arguments)
            Issue.record("accepted \(environment) \(arguments)")
        } catch let error as ConfigurationError {
            #expect(error.message.contains(mentions), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
