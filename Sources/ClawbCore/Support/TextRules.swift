/// Validation of human-readable text shared by every use case.
public enum TextRules {
    /// A name: 1 to `maxLength` characters, no control or invisible format characters, no
    /// surrounding whitespace. Throws `code` (by default `invalid_name`) naming `field`.
    public static func validatedName(
        _ name: String?, field: String, maxLength: Int,
        code: DomainError.Code = .invalidName
    ) throws -> String {
        guard let name, !name.isEmpty else {
            throw DomainError(code, "\(field) is required.", field: field)
        }
        guard name.count <= maxLength, isPrintable(name), name.trimmingWhitespace == name else {
            throw DomainError(
                code,
                "\(field) must be 1 to \(maxLength) characters, without control characters or surrounding spaces.",
                field: field)
        }
        return name
    }

    /// True when no scalar is a control, format, separator-line or unassigned character.
    public static func isPrintable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { !$0.properties.generalCategory.isControl }
    }

    /// True when every byte is visible ASCII (0x21-0x7e): nonces, request ids.
    public static func isVisibleASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7e }
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: true
        default: false
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
