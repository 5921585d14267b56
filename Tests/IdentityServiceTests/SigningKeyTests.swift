import Crypto
import Foundation
import Testing
@testable import IdentityService

@Suite struct SigningKeyTests {
    let keys = [SigningKeyLifetime(kid: "a", createdAt: 1_000), SigningKeyLifetime(kid: "b", createdAt: 2_000),
                SigningKeyLifetime(kid: "c", createdAt: 3_000)]

    @Test func theNewestKeySigns() {
        #expect(SigningKeyRetirement.active(keys)?.kid == "c")
        #expect(SigningKeyRetirement.active([]) == nil)
    }

    @Test func replacedKeysStayPublishedForTokenLifetimePlusLeeway() {
        // b was replaced at 3000: published until 3000 + 900 + 60.
        #expect(SigningKeyRetirement.published(keys, now: 3_100, accessTokenTTL: 900, leeway: 60) == ["c", "b"])
        #expect(SigningKeyRetirement.published(keys, now: 3_959, accessTokenTTL: 900, leeway: 60) == ["c", "b"])
        #expect(SigningKeyRetirement.published(keys, now: 3_960, accessTokenTTL: 900, leeway: 60) == ["c"])
        // a was replaced at 2000: gone after 2960.
        #expect(SigningKeyRetirement.published(keys, now: 2_500, accessTokenTTL: 900, leeway: 60) == ["c", "b", "a"])
    }

    @Test func theActiveKeyIsAlwaysPublished() {
        #expect(SigningKeyRetirement.published(keys, now: 1_000_000, accessTokenTTL: 900, leeway: 60) == ["c"])
    }

    @Test func sealedKeysOpenOnlyWithTheSameKeyAndKid() throws {
        let cipher = try SigningKeyCipher(base64: Data(repeating: 7, count: 32).base64EncodedString())
        let key = Curve25519.Signing.PrivateKey()
        let sealed = try cipher.seal(key, kid: "k1")
        #expect(try cipher.open(sealed, kid: "k1").rawRepresentation == key.rawRepresentation)
        #expect(throws: SigningKeyCipher.Failure.cannotOpen(kid: "k2")) { try cipher.open(sealed, kid: "k2") }
        let other = try SigningKeyCipher(base64: Data(repeating: 8, count: 32).base64EncodedString())
        #expect(throws: SigningKeyCipher.Failure.cannotOpen(kid: "k1")) { try other.open(sealed, kid: "k1") }
    }

    @Test func theKeyEncryptionKeyMustBe32Bytes() {
        #expect(throws: SigningKeyCipher.Failure.invalidKeyEncryptionKey) {
            try SigningKeyCipher(base64: Data(repeating: 1, count: 16).base64EncodedString())
        }
        #expect(throws: SigningKeyCipher.Failure.invalidKeyEncryptionKey) { try SigningKeyCipher(base64: "not base64!") }
    }
}
