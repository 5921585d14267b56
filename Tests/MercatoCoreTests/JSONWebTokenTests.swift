import Crypto
import Foundation
import MercatoCore
import Testing

/// Ed25519 JWT signing and verification, including every way a token is refused.
@Suite struct JSONWebTokenTests {
    let key = Curve25519.Signing.PrivateKey()
    let now: Int64 = 1_800_000_000

    func claims(expiresIn: Int64 = 900, audience: String = "mercato", issuer: String = "mercato-identity") -> AccessTokenClaims {
        AccessTokenClaims(issuer: issuer, audience: [audience], subject: "user-1", roles: ["staff"], issuedAt: now, expiresAt: now + expiresIn)
    }

    func verifier(keys: [String: Curve25519.Signing.PublicKey]) -> AccessTokenVerifier {
        AccessTokenVerifier(keys: StaticKeySource { keys }, issuer: "mercato-identity", audience: "mercato", now: { [now] in now })
    }

    @Test func roundTripKeepsClaimsAndKid() async throws {
        let original = claims()
        let token = try JSONWebToken.sign(original, key: key, kid: "k1")
        #expect(try JSONWebToken.keyID(of: token) == "k1")
        let verified = try await verifier(keys: ["k1": key.publicKey]).verify(token)
        #expect(verified == original)
        #expect(verified.principal.roles == [.staff])
        #expect(!verified.principal.isService)
    }

    @Test func refusesExpiredWrongAudienceWrongIssuerUnknownKidAndTampering() async throws {
        let good = verifier(keys: ["k1": key.publicKey])
        await #expect(throws: JSONWebToken.Failure.expired) {
            try await good.verify(try JSONWebToken.sign(claims(expiresIn: -120), key: key, kid: "k1"))
        }
        await #expect(throws: JSONWebToken.Failure.wrongAudience) {
            try await good.verify(try JSONWebToken.sign(claims(audience: "other"), key: key, kid: "k1"))
        }
        await #expect(throws: JSONWebToken.Failure.wrongIssuer) {
            try await good.verify(try JSONWebToken.sign(claims(issuer: "evil"), key: key, kid: "k1"))
        }
        await #expect(throws: JSONWebToken.Failure.unknownKey) {
            try await good.verify(try JSONWebToken.sign(claims(), key: key, kid: "k2"))
        }
        let other = Curve25519.Signing.PrivateKey()
        await #expect(throws: JSONWebToken.Failure.badSignature) {
            try await good.verify(try JSONWebToken.sign(claims(), key: other, kid: "k1"))
        }
        let token = try JSONWebToken.sign(claims(), key: key, kid: "k1")
        var parts = token.split(separator: ".").map(String.init)
        let forged = AccessTokenClaims(issuer: "mercato-identity", audience: ["mercato"], subject: "user-1", roles: ["admin"], issuedAt: now, expiresAt: now + 900)
        parts[1] = Base64URL.encode(try JSONEncoder().encode(forged))
        await #expect(throws: JSONWebToken.Failure.badSignature) { try await good.verify(parts.joined(separator: ".")) }
        await #expect(throws: JSONWebToken.Failure.malformed) { try await good.verify("not-a-token") }
    }

    @Test func refusesOtherAlgorithms() throws {
        let header = Base64URL.encode(Data(#"{"alg":"none","kid":"k1"}"#.utf8))
        #expect(throws: JSONWebToken.Failure.unsupportedAlgorithm) { try JSONWebToken.keyID(of: header + ".e30.") }
    }

    @Test func jwksPublishesUsableKeys() throws {
        let jwks = JWKS(keys: [.init(kid: "k1", publicKey: key.publicKey)])
        let decoded = try JSONDecoder().decode(JWKS.self, from: try JSONEncoder().encode(jwks))
        #expect(decoded.keys.first?.kty == "OKP")
        #expect(decoded.keys.first?.crv == "Ed25519")
        #expect(decoded.publicKeysByID["k1"]?.rawRepresentation == key.publicKey.rawRepresentation)
    }

    @Test func audienceMayBeAString() throws {
        let json = #"{"iss":"i","aud":"mercato","sub":"s","iat":1,"exp":2,"client_id":"orders","scope":"audit read"}"#
        let decoded = try JSONDecoder().decode(AccessTokenClaims.self, from: Data(json.utf8))
        #expect(decoded.audience == ["mercato"])
        #expect(decoded.principal.isService)
        #expect(decoded.principal.scopes == ["audit", "read"])
    }
}

/// The service audience: accepted for service tokens only.
@Suite struct ServiceAudienceTests {
    let now: Int64 = 1_800_000_000

    func claims(audience: String, clientID: String?) -> AccessTokenClaims {
        AccessTokenClaims(issuer: "i", audience: [audience], subject: clientID ?? "user", roles: [], scope: "a b",
                          clientID: clientID, issuedAt: now, expiresAt: now + 60)
    }

    @Test func serviceAudienceAcceptsOnlyServiceTokens() throws {
        try JSONWebToken.validate(claims(audience: "catalog", clientID: "orders"), issuer: "i", audience: "mercato",
                                  serviceAudience: "catalog", now: now)
        #expect(throws: JSONWebToken.Failure.wrongAudience) {
            try JSONWebToken.validate(claims(audience: "catalog", clientID: nil), issuer: "i", audience: "mercato",
                                      serviceAudience: "catalog", now: now)
        }
        #expect(throws: JSONWebToken.Failure.wrongAudience) {
            try JSONWebToken.validate(claims(audience: "catalog", clientID: "orders"), issuer: "i", audience: "mercato", now: now)
        }
        #expect(claims(audience: "catalog", clientID: "orders").principal.audiences == ["catalog"])
    }
}
