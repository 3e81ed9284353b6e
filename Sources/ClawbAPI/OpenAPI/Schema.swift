import ClawbCore

/// A small builder for the JSON Schemas of the OpenAPI document (JSON Schema 2020-12, as
/// OpenAPI 3.1 uses), so each schema reads like the wire shape it describes.
enum Schema {
    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let anyValue: JSONValue = .object([:])
    static let anyObject: JSONValue = ["type": "object"]
    /// An RFC 3339 UTC time.
    static let time: JSONValue = ["type": "string", "format": "date-time"]

    static func string(pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["type": "string"]
        if let pattern { fields["pattern"] = .string(pattern) }
        if let minLength { fields["minLength"] = .integer(Int64(minLength)) }
        if let maxLength { fields["maxLength"] = .integer(Int64(maxLength)) }
        return .object(fields)
    }

    static func integer(minimum: Int64? = nil, maximum: Int64? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["type": "integer"]
        if let minimum { fields["minimum"] = .integer(minimum) }
        if let maximum { fields["maximum"] = .integer(maximum) }
        return .object(fields)
    }

    static func oneOf(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map(JSONValue.string))]
    }

    static func constant(_ value: JSONValue) -> JSONValue { ["const": value] }

    static func array(_ items: JSONValue, maxItems: Int? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["type": "array", "items": items]
        if let maxItems { fields["maxItems"] = .integer(Int64(maxItems)) }
        return .object(fields)
    }

    /// An optional field may be absent or null, in requests (null reads as absent) and in
    /// responses (some answers spell an empty optional as null).
    static func nullable(_ schema: JSONValue) -> JSONValue { ["anyOf": [schema, ["type": "null"]]] }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// An object with these `required` and `optional` properties. Responses allow additional
    /// properties (clients must ignore what they do not know); requests ignore unknown fields too.
    static func object(
        _ required: KeyValuePairs<String, JSONValue>, optional: KeyValuePairs<String, JSONValue> = [:]
    ) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for (name, schema) in required { properties[name] = schema }
        for (name, schema) in optional { properties[name] = nullable(schema) }
        var fields: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { fields["required"] = .array(required.map { .string($0.key) }) }
        return .object(fields)
    }

    /// A success envelope: `ok: true` plus these fields.
    static func ok(
        _ required: KeyValuePairs<String, JSONValue>, optional: KeyValuePairs<String, JSONValue> = [:]
    ) -> JSONValue {
        var all: [(String, JSONValue)] = [("ok", constant(true))]
        all.append(contentsOf: required.map { ($0.key, $0.value) })
        var properties: [String: JSONValue] = [:]
        for (name, schema) in all { properties[name] = schema }
        for (name, schema) in optional { properties[name] = nullable(schema) }
        return [
            "type": "object", "properties": .object(properties), "required": .array(all.map { .string($0.0) }),
        ]
    }
}
