/// Compact JSON with object keys sorted by their UTF-8 bytes, `/` not escaped, non-ASCII
/// copied as UTF-8: the canonical form hashed by the audit chain (docs/audit-chain.md).
///
/// Written by hand because it runs for every event appended, exported and verified, where
/// JSONEncoder was the largest cost. Strings are escaped by `JSONText`; a test pins the whole
/// form to JSONEncoder's output byte for byte.
public enum CanonicalJSON {
    public static func render(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        // Never produced for audit metadata (server-authored, integers only); rendered for
        // completeness the way Swift prints a Double.
        case .double(let number): out.append(contentsOf: String(number).utf8)
        case .string(let text): JSONText.appendString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(fields[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `"key":` then the value, or nothing when the value is nil (canonical form
    /// omits absent fields), preceded by a comma unless it is the first field.
    static func appendField(_ key: String, _ value: String?, first: inout Bool, to out: inout [UInt8]) {
        guard let value else { return }
        appendKey(key, first: &first, to: &out)
        JSONText.appendString(value, to: &out)
    }

    static func appendKey(_ key: String, first: inout Bool, to out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        JSONText.appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
    }
}
