/// Writing JSON strings by hand, for the hot paths that do not go through JSONEncoder (log
/// lines, the audit canonical form, ndjson export).
///
/// Escaping matches JSONEncoder and Python's `json.dumps(ensure_ascii=False)` byte for byte:
/// `"` and `\` escaped, `\b \f \n \r \t`, other control characters as `\u00xx`, everything else
/// copied as UTF-8 (`/` is not escaped). The audit hash depends on this; `CanonicalJSONTests`
/// pins it to JSONEncoder's output.
public enum JSONText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a quoted JSON string.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: most strings (ids, hashes, times, codes) need no escaping and are copied
        // in one block; byte-by-byte appending was the largest cost of hashing an audit event.
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: needsEscape) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied != true { appendEscaped(text, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let backslash = UInt8(ascii: "\\")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), backslash:
                out.append(backslash)
                out.append(byte)
            case 0x08:
                out.append(backslash)
                out.append(UInt8(ascii: "b"))
            case 0x0c:
                out.append(backslash)
                out.append(UInt8(ascii: "f"))
            case 0x0a:
                out.append(backslash)
                out.append(UInt8(ascii: "n"))
            case 0x0d:
                out.append(backslash)
                out.append(UInt8(ascii: "r"))
            case 0x09:
                out.append(backslash)
                out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out += [
                    backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)],
                ]
            default:
                out.append(byte)
            }
        }
    }
}
