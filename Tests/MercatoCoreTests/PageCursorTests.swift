import Foundation
import MercatoCore
import Testing

/// Cursors round-trip and refuse tampering with a 400 problem.
@Suite struct PageCursorTests {
    struct Position: Codable, Equatable {
        var createdAt: String
        var id: String
    }

    @Test func roundTrip() throws {
        let position = Position(createdAt: "2026-11-23T00:00:00Z", id: "abc")
        let cursor = PageCursor.encode(position)
        #expect(!cursor.contains("="))
        #expect(try PageCursor.decode(Position.self, from: cursor) == position)
    }

    @Test func garbageIsABadRequest() {
        #expect(throws: Problem.self) { try PageCursor.decode(Position.self, from: "%%%") }
        #expect(throws: Problem.self) { try PageCursor.decode(Position.self, from: PageCursor.encode(["other": 1])) }
    }

    @Test func pageAlwaysWritesNextCursor() throws {
        let json = String(decoding: try JSONEncoder().encode(Page(items: [1, 2], nextCursor: nil)), as: UTF8.self)
        #expect(json.contains("\"next_cursor\":null"))
    }
}
