import Foundation
import Logging
import MercatoCore
import Synchronization
import Testing

/// Log lines: one JSON object per line with the platform's fields; text when asked.
@Suite struct LogLineHandlerTests {
    final class Lines: Sendable {
        let captured = Mutex<[String]>([])
        var sink: LogSink { LogSink { line in self.captured.withLock { $0.append(line) } } }
        var all: [String] { captured.withLock { $0 } }
    }

    @Test func jsonLinesCarryServiceLevelMessageAndMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "t") { _ in
            LogLineHandler(service: "catalog", format: .json, level: .info, sink: lines.sink)
        }
        logger[metadataKey: "request_id"] = "req-1"
        logger[metadataKey: "hb.request.id"] = "internal"
        logger.info("product created", metadata: ["product_id": "p-1"])
        logger.debug("dropped below the level")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("\n"))
        #expect(!line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["service"] as? String == "catalog")
        #expect(object["level"] as? String == "info")
        #expect(object["msg"] as? String == "product created")
        #expect(object["request_id"] as? String == "req-1")
        #expect(object["product_id"] as? String == "p-1")
        #expect(object["hb.request.id"] == nil)
        #expect((object["ts"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func jsonEscapesQuotesNewlinesAndControlCharacters() throws {
        let lines = Lines()
        let logger = Logger(label: "t") { _ in LogLineHandler(service: "svc", format: .json, level: .info, sink: lines.sink) }
        let tricky = "say \"hi\"\nback\\slash\u{01}tab\tend é"
        logger.info("\(tricky)", metadata: ["nested": ["a": "1", "b": .array(["x", "y"])]])
        let line = try #require(lines.all.first)
        #expect(!line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == tricky)
        let nested = try #require(object["nested"] as? [String: Any])
        #expect(nested["a"] as? String == "1")
        #expect(nested["b"] as? [String] == ["x", "y"])
        let timestamp = try #require(object["ts"] as? String)
        #expect(timestamp.count == 24)
        #expect(try Date(timestamp, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) <= Date())
    }

    @Test func textFormatIsReadable() throws {
        let lines = Lines()
        let logger = Logger(label: "t") { _ in LogLineHandler(service: "identity", format: .text, level: .info, sink: lines.sink) }
        logger.warning("slow login", metadata: ["ms": "900"])
        let line = try #require(lines.all.first)
        #expect(line.contains("WARNING [identity] slow login ms=900"))
    }
}
