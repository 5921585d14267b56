/// SMTP client on SwiftNIO (being written).
public enum SMTPProtocol {
    /// The default submission port.
    public static let defaultPort = 587
}
