/// One test on the request's `context`: a dotted path, an operator and a literal.
///
/// Evaluation never throws: a missing path or a value of the wrong type makes every operator
/// but `exists` false, so a caller cannot crash or steer a decision with an odd context.
public struct PolicyCondition: Sendable, Equatable {
    public enum Operator: String, Sendable, CaseIterable {
        case eq, ne, `in`
        case notIn = "not_in"
        case gt, gte, lt, lte, exists
    }

    public let path: [String]
    public let op: Operator
    public let value: JSONValue

    public init(path: [String], op: Operator, value: JSONValue) {
        self.path = path
        self.op = op
        self.value = value
    }

    public func matches(_ context: [String: JSONValue]) -> Bool {
        let found = Self.lookup(path, in: context)
        if op == .exists {
            return (found != nil) == (value == .bool(true))
        }
        guard let actual = found else { return false }
        switch op {
        case .eq: return Self.equal(actual, value)
        case .ne: return !Self.equal(actual, value)
        case .in: return Self.contained(actual, in: value)
        case .notIn: return !Self.contained(actual, in: value)
        case .gt: return Self.compare(actual, value).map { $0 > 0 } ?? false
        case .gte: return Self.compare(actual, value).map { $0 >= 0 } ?? false
        case .lt: return Self.compare(actual, value).map { $0 < 0 } ?? false
        case .lte: return Self.compare(actual, value).map { $0 <= 0 } ?? false
        case .exists: return true
        }
    }

    /// The value at `path`, or nil when a segment is missing, crosses a non-object, or ends at
    /// JSON null (a null field counts as absent).
    static func lookup(_ path: [String], in context: [String: JSONValue]) -> JSONValue? {
        var current = JSONValue.object(context)
        for segment in path {
            guard case .object(let fields) = current, let next = fields[segment] else { return nil }
            current = next
        }
        return current == .null ? nil : current
    }

    /// JSON equality where 1 and 1.0 are the same number.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = number(lhs), let right = number(rhs) { return left == right }
        return lhs == rhs
    }

    /// A scalar is in the list when it equals one of its items; an array when every one of
    /// its items is (so `not_in` catches any item outside an allow-list).
    static func contained(_ actual: JSONValue, in list: JSONValue) -> Bool {
        guard case .array(let items) = list else { return false }
        if case .array(let values) = actual {
            return !values.isEmpty && values.allSatisfy { value in items.contains { equal(value, $0) } }
        }
        return items.contains { equal(actual, $0) }
    }

    /// Numbers compare numerically, strings bytewise; anything else does not compare.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        if case .integer(let left) = lhs, case .integer(let right) = rhs {
            return left < right ? -1 : (left == right ? 0 : 1)
        }
        if let left = number(lhs), let right = number(rhs) {
            return left < right ? -1 : (left == right ? 0 : 1)
        }
        if case .string(let left) = lhs, case .string(let right) = rhs {
            if left == right { return 0 }
            return left.utf8.lexicographicallyPrecedes(right.utf8) ? -1 : 1
        }
        return nil
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .double(let number): number.isFinite ? number : nil
        default: nil
        }
    }
}
