/// One page of a keyset-paginated listing: `{"ok":true,"items":[...],"count":N,"next_cursor":"cur_..."|null}`.
/// `count` is the number of items in this page; `next_cursor` is an explicit `null` on the
/// last page, so clients can test for it rather than for a missing key.
public struct CursorPage<Item: Codable & Sendable>: Codable, Sendable {
    public var ok = true
    public var items: [Item]
    public var count: Int
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.count = items.count
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case ok, items, count
        case nextCursor = "next_cursor"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(items, forKey: .items)
        try container.encode(count, forKey: .count)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// `GET /api/v1/workspace/agents`.
public typealias MappingListResponse = CursorPage<AgentMappingBody>
/// `GET /api/v1/workspace/audit/events`: newest first.
public typealias AuditEventListResponse = CursorPage<AuditEventBody>
/// `GET /api/v1/admin/events`: oldest first.
public typealias OperatorEventListResponse = CursorPage<OperatorEventBody>
