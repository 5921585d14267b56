import AsyncHTTPClient
import NIOCore
import NIOPosix

extension AttemptOutcome {
    /// HTTP client errors that say the connection or exchange failed, so a retry may go through.
    static let retryableClientErrors: [HTTPClientError] = [
        .connectTimeout, .remoteConnectionClosed, .readTimeout, .writeTimeout, .deadlineExceeded,
        .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
    ]

    /// The outcome of an attempt that threw `error`.
    static func failure(_ error: any Error) -> AttemptOutcome {
        if let clientError = error as? HTTPClientError {
            return .transportFailure(retryable: retryableClientErrors.contains(clientError))
        }
        let connectionLevel = error is NIOConnectionError || error is IOError || error is ChannelError
        return .transportFailure(retryable: connectionLevel)
    }
}
