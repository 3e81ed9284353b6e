import ClawbHTTP
import Foundation
import Testing

@Suite("Structured logger")
struct LoggerTests {
    @Test("each line is one JSON object that parses back to the same fields, whatever the characters")
    func linesParseBack() throws {
        let sink = MemoryLogSink()
        let logger = Logger(level: .info, metadata: ["request.id": "req_1"], sink: sink)
        let awkward = "quote\" backslash\\ newline\n tab\t bell\u{07} nul\u{0} é ✓ 🔑 /slash"
        logger.info("request", ["value": awkward])
        logger.debug("dropped")
        #expect(sink.lines.count == 1)
        let line = try #require(sink.lines.first)
        #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(fields["value"] == awkward && fields["msg"] == "request" && fields["level"] == "info")
        #expect(fields["request.id"] == "req_1")
        let timestamp = try #require(fields["ts"])
        #expect(timestamp.count == 24 && timestamp.hasSuffix("Z"))
        let parsed = try #require(
            try? Date(timestamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        #expect(abs(parsed.timeIntervalSinceNow) < 5)
    }
}

@Suite("Buffered log sink")
struct BufferedLogSinkTests {
    @Test("lines are written in order by the background writer, and close flushes the rest")
    func flushesInOrder() {
        let target = MemoryLogSink()
        let sink = BufferedLogSink(target: target, flushInterval: 60, flushThreshold: 1 << 20)
        let logger = Logger(sink: sink)
        for index in 0..<100 { logger.info("line", ["n": String(index)]) }
        #expect(target.lines.isEmpty, "nothing is written before a flush is due")
        sink.close()
        let written = target.lines.joined().split(separator: "\n")
        #expect(written.count == 100)
        #expect(written.first?.contains("\"n\":\"0\"") == true && written.last?.contains("\"n\":\"99\"") == true)
    }

    @Test("a full buffer drops lines and reports how many")
    func dropsWhenFull() {
        let target = MemoryLogSink()
        let sink = BufferedLogSink(target: target, flushInterval: 60, flushThreshold: 1 << 20, maxBufferBytes: 1000)
        let logger = Logger(sink: sink)
        for _ in 0..<50 { logger.info("line", ["padding": String(repeating: "x", count: 50)]) }
        sink.close()
        let text = target.lines.joined()
        #expect(text.contains("\"msg\":\"log.lines_dropped\""))
        let kept = text.split(separator: "\n").filter { $0.contains("\"msg\":\"line\"") }.count
        #expect(kept > 0 && kept < 50)
        #expect(text.contains("\"count\":\"\(50 - kept)\""))
    }
}
