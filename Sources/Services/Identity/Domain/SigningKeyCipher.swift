import Crypto
import Foundation

/// Seals signing private keys for storage with ChaCha20-Poly1305 under the key-encryption key;
/// the kid is bound as authenticated data so a sealed key cannot be swapped onto another row.
public struct SigningKeyCipher: Sendable {
    /// Why the key-encryption key was refused.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Not base64 of exactly 32 bytes.
        case invalidKeyEncryptionKey
        /// A stored key could not be opened (wrong key-encryption key or tampering).
        case cannotOpen(kid: String)

        /// Message for logs and the start-up failure.
        public var description: String {
            switch self {
            case .invalidKeyEncryptionKey:
                return "identity.keyEncryptionKey (MERCATO_IDENTITY_KEY_ENCRYPTION_KEY) must be base64 of exactly 32 bytes"
            case .cannotOpen(let kid):
                return "signing key \(kid) cannot be decrypted: is identity.keyEncryptionKey the one it was sealed with?"
            }
        }
    }

    private let key: SymmetricKey

    /// A cipher from the base64 text of a 32-byte key.
    public init(base64: String) throws {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw Failure.invalidKeyEncryptionKey
        }
        self.key = SymmetricKey(data: data)
    }

    /// Nonce, ciphertext and tag of `privateKey`, bound to `kid`.
    public func seal(_ privateKey: Curve25519.Signing.PrivateKey, kid: String) throws -> Data {
        try ChaChaPoly.seal(privateKey.rawRepresentation, using: key, authenticating: Data(kid.utf8)).combined
    }

    /// The private key sealed by `seal` for `kid`.
    public func open(_ sealed: Data, kid: String) throws -> Curve25519.Signing.PrivateKey {
        do {
            let box = try ChaChaPoly.SealedBox(combined: sealed)
            let raw = try ChaChaPoly.open(box, using: key, authenticating: Data(kid.utf8))
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw Failure.cannotOpen(kid: kid)
        }
    }
}
