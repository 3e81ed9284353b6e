/// The timestamp of a signed request: unix milliseconds written as plain decimal digits (no
/// sign, no spaces), accepted within a window around the server clock. Both signature schemes
/// (agent-signed requests and reputation feedback) check it the same way.
public enum SignedTimestamp {
    /// Both schemes accept ±300 s.
    public static let skewMilliseconds: Int64 = 300_000

    /// True when `text` is such a timestamp within `skew` of `now`. Seconds instead of
    /// milliseconds land decades away and fail here.
    public static func isAcceptable(_ text: String?, now: Timestamp, skew: Int64 = skewMilliseconds) -> Bool {
        guard let text, !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let milliseconds = Int64(text)
        else { return false }
        return abs(now.milliseconds - milliseconds) <= skew
    }
}
