import Foundation
import HTTPTypes
import Hummingbird

/// JSON response bodies with ISO-8601 timestamps and stable key order, for routes that return Codable values.
extension JSONBody {
    /// `value` as `application/json` with `status` and extra `headers`.
    public static func response<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
