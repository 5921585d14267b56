import Configuration

/// Where the first admin comes from.
///
/// Keys: `admin.email` (default `admin@mercato.local`; env `MERCATO_ADMIN_EMAIL`),
/// `admin.password` (secret; env `MERCATO_ADMIN_PASSWORD`; when unset a password is generated and
/// written to `<dataDir>/secrets/admin-password` with mode 0600), `dataDir` (default `.mercato`).
public struct AdminSeedConfig: Sendable {
    /// The admin's e-mail address (normalized).
    public var email: String
    /// The admin's password, when configured.
    public var password: String?
    /// The data directory holding `secrets/admin-password`.
    public var dataDir: String

    /// Reads the settings from the root reader.
    public init(reader: ConfigReader) {
        email = EmailAddress.normalize(reader.string(forKey: "admin.email", default: "admin@mercato.local"))
        password = reader.string(forKey: "admin.password", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        dataDir = reader.string(forKey: "dataDir", default: ".mercato")
    }

    /// The file a generated password is written to.
    public var passwordFilePath: String { dataDir + "/secrets/admin-password" }
}
