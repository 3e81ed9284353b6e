/// One page of a keyset-paginated listing, and the cursor of the next one (nil on the last).
public struct KeysetPage<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// The `limit` of a listing: 1 to `maximum`, `defaultValue` when absent, else 400 `invalid_limit`.
public enum PageLimit {
    public static func parse(_ text: String?, maximum: Int = 200, default defaultValue: Int = 50) throws -> Int {
        guard let text else { return defaultValue }
        guard let value = Int(text), (1...maximum).contains(value) else {
            throw DomainError(.invalidLimit, "limit must be a whole number from 1 to \(maximum).", field: "limit")
        }
        return value
    }
}

extension CursorCodec {
    /// The position in `cursor`, nil when there is no cursor (first page).
    public func position(of cursor: String?, scope: String) throws -> Int64? {
        try cursor.map { try decode($0, scope: scope) }
    }

    /// The page from `rows`, read with `limit + 1` so that the extra row only tells whether a
    /// next page exists; its cursor continues after the last item kept.
    public func page<Row, Item>(
        _ rows: [Row], limit: Int, scope: String, position: (Row) -> Int64, item: (Row) -> Item
    )
        -> KeysetPage<Item>
    {
        let kept = Array(rows.prefix(limit))
        let next = rows.count > limit ? kept.last.map { encode(position: position($0), scope: scope) } : nil
        return KeysetPage(items: kept.map(item), nextCursor: next)
    }
}
