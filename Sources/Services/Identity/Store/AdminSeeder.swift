import Foundation
import Logging
import MercatoCore
import SystemPackage

/// Creates the first admin on start-up, once: an existing admin with the configured e-mail is left alone.
struct AdminSeeder: Sendable {
    let users: UserStore
    let hasher: PasswordHasher
    let config: AdminSeedConfig
    let logger: Logger

    func seed() async throws {
        if let existing = try await users.find(email: config.email) {
            if !existing.roles.contains(.admin) {
                logger.warning("admin seed skipped: a non-admin account has the admin e-mail", metadata: ["email": "\(config.email)"])
            }
            return
        }
        let password = config.password ?? Self.generatePassword()
        do {
            _ = try await users.create(email: config.email, passwordHash: try await hasher.hash(password),
                                       name: "Administrator", roles: [.admin])
        } catch let problem as Problem where problem.status == .conflict {
            return  // another replica seeded it first
        }
        if config.password == nil {
            try Self.writeSecret(password, to: config.passwordFilePath)
            logger.notice("admin account created; its generated password was written to a file",
                          metadata: ["email": "\(config.email)", "password_file": "\(config.passwordFilePath)"])
        } else {
            logger.notice("admin account created", metadata: ["email": "\(config.email)"])
        }
    }

    /// 192 random bits, base64url.
    static func generatePassword() -> String {
        Base64URL.encode((0..<24).map { _ in UInt8.random(in: .min ... .max) })
    }

    /// Writes `secret` readable by the owner only (directory 0700, file 0600).
    static func writeSecret(_ secret: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let descriptor = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate],
                                                 permissions: [.ownerReadWrite])
        try descriptor.closeAfter { _ = try descriptor.writeAll(Array((secret + "\n").utf8)) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
