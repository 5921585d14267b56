import NIOSSL

extension SMTPClient {
    /// How to reach the server.
    ///
    /// Keys and defaults: `host` (required); `port` 587; `tlsMode` `.startTLS`; `credentials` nil (no AUTH);
    /// `heloName` "localhost"; `connectTimeout` 10 s; `commandTimeout` 60 s per reply; `dataTimeout`
    /// 10 min for the reply after the message content (RFC 5321 §4.5.3.2 suggests that long);
    /// `allowsInsecureAuthentication` false; `tlsConfiguration` the system trust store with full verification;
    /// `tlsServerHostname` nil (use `host`).
    public struct Configuration: Sendable {
        /// Server host name or address.
        public var host: String
        /// Server port; 587 is the submission port, 25 the relay port.
        public var port: Int
        /// Whether to use STARTTLS.
        public var tlsMode: SMTPTLSMode
        /// AUTH credentials; nil to send without authenticating.
        public var credentials: SMTPCredentials?
        /// The name we give in EHLO.
        public var heloName: String
        /// Time allowed to open the TCP connection.
        public var connectTimeout: Duration
        /// Time allowed for each reply except the one after the message content.
        public var commandTimeout: Duration
        /// Time allowed for the reply after the message content.
        public var dataTimeout: Duration
        /// Send credentials without TLS (only for local test servers).
        public var allowsInsecureAuthentication: Bool
        /// TLS settings for STARTTLS (trust roots, verification).
        public var tlsConfiguration: TLSConfiguration
        /// Name checked against the server certificate and sent as SNI; `host` when nil.
        public var tlsServerHostname: String?

        /// A configuration with the defaults listed on the type.
        public init(host: String, port: Int = 587, tlsMode: SMTPTLSMode = .startTLS, credentials: SMTPCredentials? = nil,
                    heloName: String = "localhost", connectTimeout: Duration = .seconds(10),
                    commandTimeout: Duration = .seconds(60), dataTimeout: Duration = .seconds(600),
                    allowsInsecureAuthentication: Bool = false,
                    tlsConfiguration: TLSConfiguration = .makeClientConfiguration(), tlsServerHostname: String? = nil) {
            self.host = host
            self.port = port
            self.tlsMode = tlsMode
            self.credentials = credentials
            self.heloName = heloName
            self.connectTimeout = connectTimeout
            self.commandTimeout = commandTimeout
            self.dataTimeout = dataTimeout
            self.allowsInsecureAuthentication = allowsInsecureAuthentication
            self.tlsConfiguration = tlsConfiguration
            self.tlsServerHostname = tlsServerHostname
        }

        /// The state machine's share of the settings.
        var sessionSettings: SMTPSessionStateMachine.Settings {
            .init(heloName: heloName, tlsMode: tlsMode, credentials: credentials, allowsInsecureAuthentication: allowsInsecureAuthentication)
        }
    }
}
