import Foundation
import HTTPTypes
import Hummingbird
import MercatoCore

/// JSON responses with ISO-8601 timestamps and stable key order.
enum JSONResponse {
    /// `value` as `application/json` with `status` and extra `headers`.
    static func make<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        try JSONBody.response(value, status: status, headers: headers)
    }

    /// Already-built JSON `text` as `application/json`.
    static func make(jsonText text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A product as the response body.
    static func make(product: Product, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var text = ""
        text.reserveCapacity(1024)  // a product is ≈ 500–900 bytes: one allocation instead of a doubling series
        ProductBody(product: product).append(to: &text)
        return make(jsonText: text, status: status, headers: headers)
    }

    /// A page of products as the response body (`{"items":[…],"next_cursor":…}`).
    static func make(products: [Product], nextCursor: String?) -> Response {
        var text = "{\"items\":["
        for (index, product) in products.enumerated() {
            if index > 0 { text += "," }
            ProductBody(product: product).append(to: &text)
        }
        text += "],\"next_cursor\":"
        if let nextCursor { JSONText.appendString(nextCursor, to: &text) } else { text += "null" }
        text += "}"
        return make(jsonText: text)
    }
}

extension Request {
    /// The query parameters as a dictionary (the last of repeated names wins).
    var queryDictionary: [String: String] {
        var result: [String: String] = [:]
        for (name, value) in uri.queryParameters { result[String(name)] = String(value) }
        return result
    }

    /// The JSON body as a merge patch (any JSON value; `PatchDocument` insists on an object).
    mutating func decodeMergePatch(context: AppRequestContext) async throws -> JSONValue {
        try await decodeJSON(as: JSONValue.self, context: context)
    }
}

extension AppRequestContext {
    /// The `{id}` path parameter as a UUID; 404 when it is not one (no such resource can exist).
    func resourceID(_ noun: String) throws -> UUID {
        guard let text = parameters.get("id"), let id = UUID(uuidString: text) else { throw Problem.notFound("No \(noun) with this id.") }
        return id
    }

    /// Whether the caller is staff or admin (so sees drafts and archived products).
    var isStaff: Bool { identity?.hasAny(of: [.staff, .admin]) ?? false }

    /// The caller allowed to change the catalog: 401 anonymous, 403 for customers and service tokens without a role.
    func requireCatalogWriter() throws -> Principal { try requireRole([.staff, .admin]) }
}
