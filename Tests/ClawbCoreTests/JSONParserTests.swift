import ClawbCore
import Foundation
import Testing

@Suite("JSONParser: strict RFC 8259 into JSONValue")
struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test(
        "valid documents parse to the same value JSONDecoder gives",
        arguments: [
            #"{}"#, #"[]"#, #"  {"a" : [1, -2, 3.5, 1e3, -0.25E-2, true, false, null]}  "#,
            #"{"s":"plain","e":"q\"b\\s\/n\nt\tr\rb\bf\f","u":"\u00e9\u4e2d\ud83d\ude00","raw":"é中😀"}"#,
            #"{"nested":{"deeper":{"list":[{"x":1},{"y":[[]]}]}}}"#, #"9223372036854775807"#,
            #"-9223372036854775808"#, #"9223372036854775808"#, #""just a string""#, #"0"#, #"-0.0"#,
        ])
    func valid(text: String) throws {
        let parsed = try Self.parse(text)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(parsed == decoded, "\(text)")
    }

    @Test("whole numbers are integers however written, other numbers doubles")
    func numbers() throws {
        #expect(try Self.parse("42") == .integer(42))
        #expect(try Self.parse("42.0") == .integer(42))
        #expect(try Self.parse("1e2") == .integer(100))
        #expect(try Self.parse("2.5") == .double(2.5))
        #expect(try Self.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
    }

    @Test(
        "invalid documents are refused, never crash",
        arguments: [
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]",
            "[+1]", "tru", "nul", "[true false]", "{\"a\":1}x", "\"unterminated", "\"bad \\x escape\"",
            "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"tab\there\"", "[1e999]",
            "{\"a\":1,\"a\":2}", "[NaN]", "[Infinity]", "'single'",
            String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
        ])
    func invalid(text: String) {
        #expect(throws: JSONParser.Failure.self, "\(text)") { try Self.parse(text) }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xff, 0xfe, 0x22]) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xc3, 0x22]) }
    }

    @Test("64 levels of nesting are the limit")
    func depth() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try Self.parse(deepest) }
    }
}
