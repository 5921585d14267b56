import Crypto
import Foundation
import MercatoCore

/// An opaque refresh token: 256 random bits, base64url. Only its SHA-256 hash is stored.
public struct RefreshToken: Sendable, Equatable {
    /// The value handed to the client once.
    public let value: String

    /// A fresh random token.
    public static func generate() -> RefreshToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return RefreshToken(value: Base64URL.encode(bytes))
    }

    /// A token a client presented.
    public init(value: String) { self.value = value }

    /// The stored form: lowercase hex SHA-256 of the value.
    public var hash: String { Self.hash(value) }

    /// Lowercase hex SHA-256 of `value`.
    public static func hash(_ value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `value` could be a token we issued (43 base64url characters), to skip lookups for junk.
    public static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43 && Base64URL.decode(value)?.count == 32
    }
}
