import ClawbJSON

/// Hand-written JSON for log lines: they are rendered for every request (the access log), where
/// JSONEncoder was the largest single cost of a cheap request. Strings are escaped by
/// `JSONText`; `LoggerTests` checks the output parses back to the same values.
enum JSONLine {
    static func render(_ fields: [String: String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(UInt8(ascii: "{"))
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendString(fields[key]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// Appends `,"key":"value"`.
    static func appendField(_ key: String, _ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONText.appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        JSONText.appendString(value, to: &out)
    }

}
