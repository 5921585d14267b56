import Testing
@testable import IdentityService

@Suite struct RefreshTokenFamilyTests {
    let now: Int64 = 5_000
    func state(rotated: Bool = false, revoked: Bool = false, expiresAt: Int64 = 9_000, active: Bool = true) -> RefreshTokenState {
        RefreshTokenState(isRotated: rotated, isRevoked: revoked, expiresAt: expiresAt, userActive: active)
    }

    @Test func aFreshTokenRotates() {
        #expect(RefreshTokenFamily.outcome(for: state(), now: now) == .rotate)
    }

    @Test func anUnknownTokenIsRejected() {
        #expect(RefreshTokenFamily.outcome(for: nil, now: now) == .reject)
    }

    @Test func reusingARotatedTokenRevokesTheFamily() {
        #expect(RefreshTokenFamily.outcome(for: state(rotated: true), now: now) == .revokeFamily)
        // Even when it has expired since: reuse is still a sign of theft.
        #expect(RefreshTokenFamily.outcome(for: state(rotated: true, expiresAt: 1), now: now) == .revokeFamily)
    }

    @Test func revokedExpiredOrInactiveAreRejected() {
        #expect(RefreshTokenFamily.outcome(for: state(revoked: true), now: now) == .reject)
        #expect(RefreshTokenFamily.outcome(for: state(rotated: true, revoked: true), now: now) == .reject)
        #expect(RefreshTokenFamily.outcome(for: state(expiresAt: now), now: now) == .reject)
        #expect(RefreshTokenFamily.outcome(for: state(active: false), now: now) == .reject)
    }

    @Test func tokensAre256RandomBitsStoredAsSHA256() {
        let token = RefreshToken.generate()
        #expect(token.value.count == 43)
        #expect(RefreshToken.isWellFormed(token.value))
        #expect(token.hash.count == 64)
        #expect(token.hash != token.value)
        #expect(RefreshToken.generate() != token)
        #expect(!RefreshToken.isWellFormed("not-a-token"))
        #expect(RefreshToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
