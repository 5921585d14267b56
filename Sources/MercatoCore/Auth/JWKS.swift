import Crypto
import Foundation

/// A JSON Web Key Set of Ed25519 public keys (`GET /.well-known/jwks.json`).
public struct JWKS: Codable, Sendable, Equatable {
    /// One public key.
    public struct Key: Codable, Sendable, Equatable {
        /// Key type: `OKP`.
        public var kty: String
        /// Curve: `Ed25519`.
        public var crv: String
        /// Public key bytes, base64url.
        public var x: String
        /// Key id, matched against a token's `kid`.
        public var kid: String
        /// Algorithm: `EdDSA`.
        public var alg: String
        /// Use: `sig`.
        public var use: String

        /// The JWK of `publicKey` named `kid`.
        public init(kid: String, publicKey: Curve25519.Signing.PublicKey) {
            self.kty = "OKP"
            self.crv = "Ed25519"
            self.x = Base64URL.encode(publicKey.rawRepresentation)
            self.kid = kid
            self.alg = "EdDSA"
            self.use = "sig"
        }

        /// The Ed25519 public key, or nil when this is another kind of key.
        public var publicKey: Curve25519.Signing.PublicKey? {
            guard kty == "OKP", crv == "Ed25519", let bytes = Base64URL.decode(x) else { return nil }
            return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        }
    }

    /// The keys.
    public var keys: [Key]

    /// A set of `keys`.
    public init(keys: [Key]) { self.keys = keys }

    /// Usable keys by id.
    public var publicKeysByID: [String: Curve25519.Signing.PublicKey] {
        var result: [String: Curve25519.Signing.PublicKey] = [:]
        for key in keys { if let publicKey = key.publicKey { result[key.kid] = publicKey } }
        return result
    }
}
