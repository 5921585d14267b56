/// The CLI's own service client at identity: `mercato check` reads every service's audit endpoints with its token.
enum CLIClient {
    /// Client id.
    static let id = "mercato-cli"
    /// Name of its secret in the stack's secrets directory.
    static let secretName = "mercato-cli-client-secret"
}
