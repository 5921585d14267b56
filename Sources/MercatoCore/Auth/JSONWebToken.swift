import Crypto
import Foundation

/// Compact JWS with EdDSA (Ed25519): the only algorithm Mercato signs or accepts.
public enum JSONWebToken {
    /// Why a token was refused.
    public enum Failure: Error, Equatable, Sendable {
        /// Not three base64url parts of JSON.
        case malformed
        /// `alg` is not `EdDSA`.
        case unsupportedAlgorithm
        /// No `kid`, or a `kid` no published key has.
        case unknownKey
        /// The signature does not verify.
        case badSignature
        /// Past `exp` (with leeway).
        case expired
        /// `iss` is not the expected issuer.
        case wrongIssuer
        /// `aud` does not include the expected audience.
        case wrongAudience
    }

    struct Header: Codable {
        var alg: String
        var typ: String?
        var kid: String?
    }

    /// Signs `claims` with `key`, naming it `kid` in the header.
    public static func sign<Claims: Encodable>(_ claims: Claims, key: Curve25519.Signing.PrivateKey, kid: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = Base64URL.encode(try encoder.encode(Header(alg: "EdDSA", typ: "JWT", kid: kid)))
        let payload = Base64URL.encode(try encoder.encode(claims))
        let signingInput = header + "." + payload
        let signature = try key.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// The `kid` in a token's header, without verifying anything.
    public static func keyID(of token: String) throws -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(String(parts[0])),
              let header = try? JSONDecoder().decode(Header.self, from: data) else { throw Failure.malformed }
        guard header.alg == "EdDSA" else { throw Failure.unsupportedAlgorithm }
        guard let kid = header.kid, !kid.isEmpty else { throw Failure.unknownKey }
        return kid
    }

    /// Verifies the signature with `key` and decodes the claims.
    public static func verify<Claims: Decodable>(_ token: String, key: Curve25519.Signing.PublicKey, as type: Claims.Type) throws -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(String(parts[2])),
              let payload = Base64URL.decode(String(parts[1])) else { throw Failure.malformed }
        let signingInput = Data((parts[0] + "." + parts[1]).utf8)
        guard key.isValidSignature(signature, for: signingInput) else { throw Failure.badSignature }
        guard let claims = try? JSONDecoder().decode(type, from: payload) else { throw Failure.malformed }
        return claims
    }

    /// Checks expiry, issuer and audience of verified claims; `now` in seconds since the epoch.
    /// `aud` must name `audience` (the platform's), or `serviceAudience` when the token is a service token.
    public static func validate(_ claims: AccessTokenClaims, issuer: String, audience: String, serviceAudience: String? = nil,
                                now: Int64, leeway: Int64 = 30) throws {
        guard claims.expiresAt + leeway > now else { throw Failure.expired }
        guard claims.issuer == issuer else { throw Failure.wrongIssuer }
        let forThisService = claims.clientID != nil && serviceAudience.map(claims.audience.contains) == true
        guard claims.audience.contains(audience) || forThisService else { throw Failure.wrongAudience }
    }
}

/// Base64url without padding (RFC 4648 §5), as JOSE uses it.
public enum Base64URL {
    /// Encodes bytes.
    public static func encode<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes text, or nil when it is not base64url.
    public static func decode(_ text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        return Data(base64Encoded: base64)
    }
}
