import Crypto
import Foundation
import MercatoCore

/// The signing keys in memory, re-read from the database at most every `cacheSeconds`,
/// so a key added by `identity rotate-signing-key` is used (and published) without restart.
actor SigningKeyRing {
    /// Signing keys could not be read or none exists yet.
    struct Unavailable: Error {}

    private let store: SigningKeyStore
    private let cacheSeconds: Double
    private let accessTokenTTL: Int64
    private let leeway: Int64
    private var loaded: (keys: [StoredSigningKey], now: Int64, at: ContinuousClock.Instant)?
    private var privateKeys: [String: Curve25519.Signing.PrivateKey] = [:]

    init(store: SigningKeyStore, cacheSeconds: Double, accessTokenTTL: Int, leeway: Int) {
        self.store = store
        self.cacheSeconds = cacheSeconds
        self.accessTokenTTL = Int64(accessTokenTTL)
        self.leeway = Int64(leeway)
    }

    /// The active key's id and private key.
    func signingKey() async throws -> (kid: String, key: Curve25519.Signing.PrivateKey) {
        let keys = try await current()
        guard let active = SigningKeyRetirement.active(keys.keys.map(\.lifetime)),
              let stored = keys.keys.first(where: { $0.kid == active.kid }) else { throw Unavailable() }
        if let cached = privateKeys[active.kid] { return (active.kid, cached) }
        let key = try store.privateKey(of: stored)
        privateKeys[active.kid] = key
        return (active.kid, key)
    }

    /// The public keys to publish and accept, newest first.
    func publishedKeys() async throws -> [(kid: String, key: Curve25519.Signing.PublicKey)] {
        let keys = try await current()
        let kids = SigningKeyRetirement.published(keys.keys.map(\.lifetime), now: keys.now,
                                                  accessTokenTTL: accessTokenTTL, leeway: leeway)
        return kids.compactMap { kid in keys.keys.first { $0.kid == kid }.map { (kid, $0.publicKey) } }
    }

    /// Forgets the cache, so the next use reads the database.
    func invalidate() { loaded = nil }

    private func current() async throws -> (keys: [StoredSigningKey], now: Int64) {
        let instant = ContinuousClock.now
        if let loaded, instant - loaded.at < .milliseconds(Int64(cacheSeconds * 1000)) {
            let elapsed = (instant - loaded.at).components.seconds
            return (loaded.keys, loaded.now + elapsed)
        }
        let fresh = try await store.all()
        loaded = (fresh.keys, fresh.now, instant)
        return fresh
    }
}
