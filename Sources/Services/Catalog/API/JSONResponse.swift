import Foundation
import HTTPTypes
import Hummingbird
import MercatoCore

/// JSON responses with ISO-8601 timestamps and stable key order.
enum JSONResponse {
    /// `value` as `application/json` with `status` and extra `headers`.
    static func make<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
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
