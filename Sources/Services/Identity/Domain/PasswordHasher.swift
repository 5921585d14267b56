import HummingbirdBcrypt
import NIOPosix

/// Bcrypt hashing and verification on NIO's thread pool, never on the event loop or a cooperative thread.
public struct PasswordHasher: Sendable {
    /// Work factor.
    public let cost: UInt8

    /// A hasher with `cost` (4…31).
    public init(cost: UInt8) { self.cost = cost }

    /// The bcrypt hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
