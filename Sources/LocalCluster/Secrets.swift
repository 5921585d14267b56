import Foundation

/// Generated secrets kept in files under a data directory (mode 0600), made once and reused.
public struct SecretStore: Sendable {
    /// Directory holding one file per secret.
    public let directory: String

    /// A store in `directory` (created on first write).
    public init(directory: String) { self.directory = directory }

    /// The secret named `name`, generated (32 random bytes, base64url, or `bytes` long) on first use.
    public func secret(_ name: String, bytes: Int = 32) throws -> String {
        let path = "\(directory)/\(name)"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let value = data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        try store(name, value: value)
        return value
    }

    /// A 32-byte key as standard base64 (for `identity.keyEncryptionKey`), generated on first use.
    public func base64Key(_ name: String) throws -> String {
        let path = "\(directory)/\(name)"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var generator = SystemRandomNumberGenerator()
        let value = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        try store(name, value: value)
        return value
    }

    /// Writes `value` under `name` with mode 0600.
    public func store(_ name: String, value: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let path = "\(directory)/\(name)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600])
    }
}
