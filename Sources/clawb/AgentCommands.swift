import ClawbClient
import ClawbCrypto
import ClawbWire
import Foundation

struct AgentKeygenCommand: Command {
    static let words = ["agent", "keygen"]
    static let abstract = "Create an Ed25519 key file (mode 0600) and print its public key."
    static let usage = "clawb agent keygen [--out FILE (default ./agent.key)] [--json]"

    let path: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        path = try arguments.option("--out") ?? "./agent.key"
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let key = Ed25519.SigningKey.generate()
        do {
            try AgentKeyFile.create(at: path, key: key)
        } catch let failure as AgentKeyFile.Failure {
            throw CLIError(failure.description)
        }
        let publicKey = Data(key.publicKey).base64EncodedString()
        if json { return Output.json(["public_key": publicKey, "key_file": path]) }
        Output.line(publicKey)
        Output.error("private key written to \(path) (mode 0600)")
    }
}

struct AgentBootstrapCommand: Command {
    static let words = ["agent", "bootstrap"]
    static let abstract = "Register and attest an agent (creating its key file if needed); print its agent_id."
    static let usage = "clawb agent bootstrap --name NAME [--key FILE (default ./agent.key)] [--json]"

    let name: String
    let path: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        name = try arguments.requiredOption("--name")
        path = try arguments.option("--key") ?? "./agent.key"
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let key: Ed25519.SigningKey
        do {
            if FileManager.default.fileExists(atPath: path) {
                key = try AgentKeyFile.load(from: path)
            } else {
                key = .generate()
                try AgentKeyFile.create(at: path, key: key)
            }
        } catch let failure as AgentKeyFile.Failure {
            throw CLIError(failure.description)
        }
        let client = try environment.anonymousClient()
        let registration = try await client.registerAgent(
            RegisterAgentRequest(
                name: name, publicKey: Data(key.publicKey).base64EncodedString(), metadata: ["source": "cli"]))
        guard let challenge = Data(base64Encoded: registration.challenge) else {
            throw CLIError("The server sent a challenge that is not base64.")
        }
        let attested = try await client.attestAgent(
            AttestAgentRequest(
                agentID: registration.agentID, challengeID: registration.challengeID,
                signature: Data(key.sign(Array(challenge))).base64EncodedString()))
        if json { return Output.json(["agent_id": attested.agentID, "status": attested.status, "key_file": path]) }
        Output.line(attested.agentID)
        Output.error("agent \(attested.agentID) is \(attested.status); its private key is in \(path)")
    }
}
