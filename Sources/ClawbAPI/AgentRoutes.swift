import ClawbCore
import ClawbHTTP
import ClawbWire
import Foundation

/// Agent registration and attestation (no authentication: an agent has no workspace yet),
/// and the workspace view of an agent.
enum AgentRoutes {
    static func register(on router: Router, services: APIServices) {
        let base = "\(APIMount.prefix)/v1/agents"
        let agents = services.agents

        router.add("POST", "\(base)/register") { request, context in
            let body = try JSONCoding.decode(RegisterAgentRequest.self, from: request)
            let registration = try agents.register(
                name: body.name, publicKey: body.publicKey, keyType: body.keyType, metadata: body.metadata,
                clientAddress: request.remoteAddress, requestID: context.requestID)
            let response = RegisterAgentResponse(
                agentID: registration.agent.id.rawValue, challengeID: registration.challenge.id.rawValue,
                challenge: Data(registration.challenge.bytes).base64EncodedString(),
                expiresAt: registration.challenge.expiresAt.rfc3339)
            return JSONCoding.response(response, status: registration.created ? 201 : 200)
        }

        router.add("POST", "\(base)/attest") { request, context in
            let body = try JSONCoding.decode(AttestAgentRequest.self, from: request)
            let agent = try agents.attest(
                agentID: body.agentID, challengeID: body.challengeID, signature: body.signature,
                requestID: context.requestID)
            return JSONCoding.response(AttestAgentResponse(agentID: agent.id.rawValue, status: agent.status.rawValue))
        }

        router.addAuthenticated("GET", "\(base)/{agent_id}", authenticator: services.apiKeys) { _, context in
            let (agent, mappings) = try services.mappings.agent(
                try context.request.parameter("agent_id"), as: context.principal)
            let reputation = try services.reputation.summary(of: agent)
            return JSONCoding.response(
                AgentResponse(
                    agent: WireMapping.agent(agent), mappings: mappings.map(WireMapping.mapping),
                    reputation: WireMapping.reputation(reputation)))
        }
    }
}
