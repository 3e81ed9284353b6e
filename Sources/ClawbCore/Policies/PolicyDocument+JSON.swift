/// Strict parsing of a policy document (docs/policies.md): unknown keys, wrong types and
/// out-of-range values are refused with `invalid_policy` naming the path of the first problem,
/// e.g. `rules[2].conditions[0].op`.
extension PolicyDocument {
    public static let maxRules = 256
    public static let maxConditions = 32
    public static let maxListItems = 256
    public static let maxPathSegments = 8
    public static let maxReasons = 8
    public static let maxRateLimits = 64

    public init(json: JSONValue) throws {
        let root = try Fields(json, at: "")
        defaultDecision = try root.outcome("default") ?? .deny
        defaultReasons = try root.reasons("default_reasons") ?? []
        allowPending = try root.bool("allow_pending") ?? false
        rules = try root.array("rules", max: Self.maxRules).enumerated().map { index, value in
            try Self.rule(value, at: "rules[\(index)]")
        }
        rateLimits = try root.array("rate_limits", max: Self.maxRateLimits).enumerated().map { index, value in
            try Self.rateLimit(value, at: "rate_limits[\(index)]")
        }
        try root.rejectUnknown(["default", "default_reasons", "allow_pending", "rules", "rate_limits"])
    }

    private static func rule(_ value: JSONValue, at path: String) throws -> PolicyRule {
        let fields = try Fields(value, at: path)
        guard let decision = try fields.outcome("decision") else {
            throw Fields.problem(path + ".decision", "is required")
        }
        let rule = PolicyRule(
            id: try fields.token("id"), action: try fields.action("action") ?? "*",
            agentStatuses: try fields.strings("agent_status").map { list in
                Set(
                    try list.enumerated().map { index, text in
                        guard let status = Agent.Status(rawValue: text) else {
                            throw Fields.problem("\(path).agent_status[\(index)]", "must be pending, active or revoked")
                        }
                        return status
                    })
            },
            labels: try fields.strings("labels") ?? [], environments: try fields.strings("environment").map(Set.init),
            riskTiers: try fields.strings("risk_tier").map { list in
                for (index, tier) in list.enumerated() where !["low", "medium", "high"].contains(tier) {
                    throw Fields.problem("\(path).risk_tier[\(index)]", "must be low, medium or high")
                }
                return Set(list)
            },
            conditions: try fields.array("conditions", max: maxConditions).enumerated().map { index, value in
                try condition(value, at: "\(path).conditions[\(index)]")
            },
            decision: decision, reasons: try fields.reasons("reasons") ?? [])
        try fields.rejectUnknown([
            "id", "action", "agent_status", "labels", "environment", "risk_tier", "conditions", "decision", "reasons",
        ])
        return rule
    }

    private static func condition(_ value: JSONValue, at path: String) throws -> PolicyCondition {
        let fields = try Fields(value, at: path)
        guard let pathText = try fields.string("path") else { throw Fields.problem(path + ".path", "is required") }
        // Scalars, not Characters: "." followed by a combining mark is one grapheme.
        let segments = pathText.unicodeScalars.split(separator: ".", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
        guard pathText.utf8.count <= 256, segments.count <= maxPathSegments, !segments.contains(where: \.isEmpty)
        else {
            throw Fields.problem(path + ".path", "must be 1 to \(maxPathSegments) dot-separated non-empty names")
        }
        guard let opText = try fields.string("op") else { throw Fields.problem(path + ".op", "is required") }
        guard let op = PolicyCondition.Operator(rawValue: opText) else {
            throw Fields.problem(
                path + ".op",
                "must be one of \(PolicyCondition.Operator.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let operand = fields.values["value"]
        switch op {
        case .exists:
            guard operand == nil || operand == .bool(true) || operand == .bool(false) else {
                throw Fields.problem(path + ".value", "must be true or false for exists")
            }
        case .in, .notIn:
            guard case .array(let items) = operand, items.count <= maxListItems,
                items.allSatisfy({ if case .array = $0 { false } else if case .object = $0 { false } else { true } })
            else {
                throw Fields.problem(path + ".value", "must be a list of at most \(maxListItems) scalars for \(opText)")
            }
        case .gt, .gte, .lt, .lte:
            guard let operand,
                PolicyCondition.number(operand) != nil || { if case .string = operand { true } else { false } }()
            else { throw Fields.problem(path + ".value", "must be a number or a string for \(opText)") }
        case .eq, .ne:
            guard let operand, operand != .null else {
                throw Fields.problem(path + ".value", "is required for \(opText)")
            }
        }
        try fields.rejectUnknown(["path", "op", "value"])
        return PolicyCondition(path: segments, op: op, value: op == .exists ? (operand ?? .bool(true)) : operand!)
    }

    private static func rateLimit(_ value: JSONValue, at path: String) throws -> PolicyRateLimit {
        let fields = try Fields(value, at: path)
        guard let action = try fields.action("action") else { throw Fields.problem(path + ".action", "is required") }
        let perMinute = try fields.count("per_minute", max: 1_000_000)
        let perDay = try fields.count("per_day", max: 100_000_000)
        guard perMinute != nil || perDay != nil else {
            throw Fields.problem(path, "needs per_minute, per_day or both")
        }
        try fields.rejectUnknown(["action", "per_minute", "per_day"])
        return PolicyRateLimit(action: action, perMinute: perMinute, perDay: perDay)
    }

    /// The document as stored and returned: every field explicit, in a stable shape.
    public var json: JSONValue {
        .object([
            "default": .string(defaultDecision.rawValue),
            "default_reasons": .array(defaultReasons.map(JSONValue.string)),
            "allow_pending": .bool(allowPending),
            "rules": .array(rules.map(Self.json(of:))),
            "rate_limits": .array(
                rateLimits.map { limit in
                    var fields: [String: JSONValue] = ["action": .string(limit.action)]
                    if let perMinute = limit.perMinute { fields["per_minute"] = .integer(Int64(perMinute)) }
                    if let perDay = limit.perDay { fields["per_day"] = .integer(Int64(perDay)) }
                    return .object(fields)
                }),
        ])
    }

    private static func json(of rule: PolicyRule) -> JSONValue {
        var fields: [String: JSONValue] = [
            "action": .string(rule.action), "decision": .string(rule.decision.rawValue),
            "reasons": .array(rule.reasons.map(JSONValue.string)),
        ]
        if let id = rule.id { fields["id"] = .string(id) }
        if let statuses = rule.agentStatuses {
            fields["agent_status"] = .array(statuses.map(\.rawValue).sorted().map(JSONValue.string))
        }
        if !rule.labels.isEmpty { fields["labels"] = .array(rule.labels.map(JSONValue.string)) }
        if let environments = rule.environments {
            fields["environment"] = .array(environments.sorted().map(JSONValue.string))
        }
        if let tiers = rule.riskTiers { fields["risk_tier"] = .array(tiers.sorted().map(JSONValue.string)) }
        if !rule.conditions.isEmpty {
            fields["conditions"] = .array(
                rule.conditions.map {
                    .object([
                        "path": .string($0.path.joined(separator: ".")), "op": .string($0.op.rawValue),
                        "value": $0.value,
                    ])
                })
        }
        return .object(fields)
    }
}

/// The fields of one JSON object of a policy, read with the path of each for errors.
private struct Fields {
    let values: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, at path: String) throws {
        guard case .object(let values) = value else {
            throw Self.problem(path.isEmpty ? "(document)" : path, "must be an object")
        }
        self.values = values
        self.path = path
    }

    static func problem(_ path: String, _ sentence: String) -> DomainError {
        DomainError(.invalidPolicy, "\(path) \(sentence).", field: path)
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func rejectUnknown(_ known: Set<String>) throws {
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw Self.problem(at(unknown), "is not a known field")
        }
    }

    func string(_ key: String) throws -> String? {
        guard let value = values[key], value != .null else { return nil }
        guard case .string(let text) = value, !text.isEmpty, text.utf8.count <= 256 else {
            throw Self.problem(at(key), "must be a non-empty string of at most 256 bytes")
        }
        return text
    }

    /// An action name: `*` or 1–64 of `[A-Za-z0-9._:-]`.
    func action(_ key: String) throws -> String? {
        guard let text = try string(key) else { return nil }
        guard text == "*" || PolicyRule.isValidAction(text) else {
            throw Self.problem(at(key), "must be * or 1-64 of A-Z a-z 0-9 . _ : -")
        }
        return text
    }

    func token(_ key: String) throws -> String? {
        guard let text = try string(key) else { return nil }
        guard Self.isName(text, extra: "-", max: 64) else {
            throw Self.problem(at(key), "must be 1-64 of A-Z a-z 0-9 _ -")
        }
        return text
    }

    func outcome(_ key: String) throws -> PolicyDecision.Outcome? {
        guard let text = try string(key) else { return nil }
        guard let outcome = PolicyDecision.Outcome(rawValue: text) else {
            throw Self.problem(at(key), "must be allow, challenge or deny")
        }
        return outcome
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = values[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw Self.problem(at(key), "must be true or false") }
        return flag
    }

    func count(_ key: String, max: Int) throws -> Int? {
        guard let value = values[key], value != .null else { return nil }
        guard case .integer(let number) = value, number >= 1, number <= max else {
            throw Self.problem(at(key), "must be an integer from 1 to \(max)")
        }
        return Int(number)
    }

    func array(_ key: String, max: Int) throws -> [JSONValue] {
        guard let value = values[key], value != .null else { return [] }
        guard case .array(let items) = value, items.count <= max else {
            throw Self.problem(at(key), "must be a list of at most \(max) items")
        }
        return items
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = values[key], value != .null else { return nil }
        guard case .array(let items) = value, items.count <= PolicyDocument.maxListItems else {
            throw Self.problem(at(key), "must be a list of at most \(PolicyDocument.maxListItems) strings")
        }
        return try items.enumerated().map { index, item in
            guard case .string(let text) = item, !text.isEmpty, text.utf8.count <= 128 else {
                throw Self.problem("\(at(key))[\(index)]", "must be a non-empty string of at most 128 bytes")
            }
            return text
        }
    }

    /// Reason codes: at most 8, each 1–64 of `[a-z0-9_]`.
    func reasons(_ key: String) throws -> [String]? {
        guard let list = try strings(key) else { return nil }
        guard list.count <= PolicyDocument.maxReasons else {
            throw Self.problem(at(key), "must hold at most \(PolicyDocument.maxReasons) reason codes")
        }
        for (index, reason) in list.enumerated()
        where
            !(reason.utf8.count <= 64
            && reason.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5f })
        {
            throw Self.problem("\(at(key))[\(index)]", "must be 1-64 of a-z 0-9 _")
        }
        return list
    }

    static func isName(_ text: String, extra: String, max: Int) -> Bool {
        let extras = Set(extra.utf8).union([UInt8(ascii: "_")])
        return !text.isEmpty && text.utf8.count <= max
            && text.utf8.allSatisfy {
                (0x61...0x7a).contains($0) || (0x41...0x5a).contains($0) || (0x30...0x39).contains($0)
                    || extras.contains($0)
            }
    }
}
