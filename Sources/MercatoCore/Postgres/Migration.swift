import Foundation

/// One versioned schema change of a service: statements run in order, in one transaction.
public struct Migration: Sendable {
    /// Strictly increasing version.
    public var version: Int
    /// Short snake_case name.
    public var name: String
    /// SQL statements, one per element (the extended protocol runs one at a time).
    public var statements: [String]

    /// A migration.
    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// A stable fingerprint of the statements, to detect an applied migration that was edited.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in statements.joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
