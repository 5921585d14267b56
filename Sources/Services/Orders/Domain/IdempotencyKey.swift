import Crypto
import Foundation
import MercatoCore

/// The `Idempotency-Key` of an order placement and the fingerprint of the request it was first used with.
public struct IdempotencyKey: Sendable, Equatable {
    /// The key, 1…255 visible ASCII characters.
    public var value: String

    /// Parses the header; 400 when it is missing or not 1…255 visible ASCII characters.
    public init(header: String?) throws {
        guard let header, !header.isEmpty else {
            throw Problem.badRequest("The Idempotency-Key header is required: send a unique key per order you place.")
        }
        guard header.utf8.count <= 255, header.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem.badRequest("The Idempotency-Key header must be 1 to 255 visible ASCII characters.")
        }
        value = header
    }

    /// Hex SHA-256 of the canonical JSON of `request` (sorted keys, no whitespace), so the same order sent with other
    /// formatting or key order has the same fingerprint.
    public static func fingerprint(of request: PlaceOrderRequest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a value of plain strings, numbers and UUIDs cannot fail.
        let data = (try? encoder.encode(request)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
