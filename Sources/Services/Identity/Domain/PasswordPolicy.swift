/// What a new password must satisfy.
public enum PasswordPolicy {
    /// Fewest characters accepted.
    public static let minimumLength = 10
    /// Most characters accepted: bcrypt only reads the first 72 bytes, and huge inputs waste CPU.
    public static let maximumLength = 72

    /// Why `password` is unacceptable for the (normalized) `email`, or nil when it is fine.
    public static func problem(with password: String, email: String) -> String? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters" }
        if password.utf8.count > maximumLength { return "must be at most \(maximumLength) bytes" }
        // bcrypt stops at NUL, so anything after it would be ignored.
        if password.contains("\u{0}") { return "must not contain NUL characters" }
        if EmailAddress.normalize(password) == email { return "must not be the e-mail address" }
        return nil
    }
}
