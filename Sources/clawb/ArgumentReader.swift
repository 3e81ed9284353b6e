/// Reads `--name value`, `--name=value`, `--flag` and positional arguments, and refuses
/// anything a command did not consume.
struct ArgumentReader {
    private var remaining: [String]

    init(_ arguments: [String]) {
        remaining = arguments
    }

    /// The value of `--name`, removed from the arguments.
    mutating func option(_ name: String) throws -> String? {
        for (index, argument) in remaining.enumerated() {
            if argument == name {
                guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
                    throw UsageError("\(name) needs a value.")
                }
                let value = remaining[index + 1]
                remaining.removeSubrange(index...(index + 1))
                return value
            }
            if argument.hasPrefix(name + "=") {
                remaining.remove(at: index)
                return String(argument.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    /// Every value of a repeatable option (`--label a --label b`).
    mutating func options(_ name: String) throws -> [String] {
        var values: [String] = []
        while let value = try option(name) { values.append(value) }
        return values
    }

    mutating func requiredOption(_ name: String) throws -> String {
        guard let value = try option(name), !value.isEmpty else { throw UsageError("\(name) is required.") }
        return value
    }

    /// True when `--name` is present (and removes it).
    mutating func flag(_ name: String) -> Bool {
        guard let index = remaining.firstIndex(of: name) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// The next argument that is not an option.
    mutating func requiredPositional(_ label: String) throws -> String {
        guard let index = remaining.firstIndex(where: { !$0.hasPrefix("--") }) else {
            throw UsageError("\(label) is required.")
        }
        return remaining.remove(at: index)
    }

    /// Throws when anything was left unread.
    func finish() throws {
        if let leftover = remaining.first {
            throw UsageError("Unexpected argument '\(leftover)'.")
        }
    }
}

/// A mistake in how the command was called; exits 64 (EX_USAGE) with the command's usage.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
