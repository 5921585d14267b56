import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A client side of `/api/v1/notifications/stream` on a live server: reads the raw event stream block by block.
struct EventStreamReader {
    /// One parsed block (an event or a comment) of the stream.
    struct Block: Equatable {
        var id: String?
        var event: String?
        var data: String?
        var comment: String?
    }

    let status: Int
    let contentType: String?
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var buffer = ""

    /// Opens the stream on `port` with `authorization` and optional `lastEventID`.
    static func open(port: Int, authorization: String?, lastEventID: String? = nil, client: HTTPClient) async throws -> EventStreamReader {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/notifications/stream")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: lastEventID) }
        let response = try await client.execute(request, timeout: .seconds(30))
        return EventStreamReader(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
                                 iterator: response.body.makeAsyncIterator())
    }

    /// The next block, or nil when the server ended the stream.
    mutating func next() async throws -> Block? {
        while true {
            if let end = buffer.range(of: "\n\n") {
                let text = String(buffer[..<end.lowerBound])
                buffer = String(buffer[end.upperBound...])
                return Self.parse(text)
            }
            guard let chunk = try await iterator.next() else { return nil }
            buffer += String(buffer: chunk)
        }
    }

    /// The next block that is an event (comments and `retry:` skipped).
    mutating func nextEvent() async throws -> Block? {
        while let block = try await next() {
            if block.event != nil { return block }
        }
        return nil
    }

    static func parse(_ text: String) -> Block {
        var block = Block()
        for line in text.split(separator: "\n") {
            if line.hasPrefix(": ") { block.comment = String(line.dropFirst(2)) }
            if line.hasPrefix("id: ") { block.id = String(line.dropFirst(4)) }
            if line.hasPrefix("event: ") { block.event = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { block.data = String(line.dropFirst(6)) }
        }
        return block
    }
}

/// Runs `body` with an HTTP client that is shut down afterwards.
func withStreamClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
    let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
