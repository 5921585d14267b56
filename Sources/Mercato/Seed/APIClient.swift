import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small JSON-over-HTTP client for the CLI's calls to the services' public APIs.
struct APIClient: Sendable {
    /// One response.
    struct Reply: Sendable {
        var status: Int
        var body: Data
        var headers: HTTPHeaders

        /// The body as a JSON object.
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        /// The body as a JSON array.
        var array: [[String: Any]] { (try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]] ?? [] }
        /// The body as text.
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let baseURL: String
    var bearer: String?
    /// A session whose current access token is sent instead of `bearer` (renewed as it nears expiry).
    var session: CustomerSession?
    /// The HTTP client (the shared one unless a caller needs its own pool, like the load generator).
    var http: HTTPClient = .shared

    /// `value` escaped for a URL query (everything but letters and digits percent-encoded).
    static func queryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }

    /// Sends `method path` with an optional JSON body.
    func send(_ method: HTTPMethod, _ path: String, json: Any? = nil, headers extra: [String: String] = [:]) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        if let token = await session?.bearer() ?? bearer { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), body: Data(body.readableBytesView), headers: response.headers)
    }
}
