import PostgresNIO

/// The database could not be used within its deadlines: no pooled connection within `postgres.leaseTimeout`, a
/// connection held past `postgres.holdTimeout`, or the server gone (connection lost, refusing connections, shutting
/// down, full). Callers answer 503 with `Retry-After`; event consumers give the delivery back and pause.
public struct DatabaseUnavailable: Error, CustomStringConvertible, Sendable {
    /// Why the database was unavailable; an opaque code, so reasons can grow.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// No connection was lent within the lease timeout.
        public static let leaseTimedOut = Reason(name: "lease timed out")
        /// The work held its connection past the hold timeout; the connection was closed.
        public static let holdTimedOut = Reason(name: "hold timed out")
        /// The server closed the connection or could not be reached.
        public static let connectionLost = Reason(name: "connection lost")
        /// The server answered that it cannot serve now (shutting down, starting up, too many clients).
        public static let serverUnavailable = Reason(name: "server unavailable")
        /// The reason in words.
        public var description: String { name }
    }

    /// Why.
    public var reason: Reason
    /// Seconds a client should wait before trying again.
    public var retryAfterSeconds: Int
    /// The underlying error, for logs only (never sent to clients).
    public var underlying: String?

    /// An unavailability for `reason`.
    public init(_ reason: Reason, retryAfterSeconds: Int = 1, underlying: String? = nil) {
        self.reason = reason
        self.retryAfterSeconds = retryAfterSeconds
        self.underlying = underlying
    }

    /// For logs.
    public var description: String {
        "database unavailable (\(reason))" + (underlying.map { ": \($0)" } ?? "")
    }

    /// `error` as an unavailability when it says the server or the connection is gone rather than that the statement
    /// was wrong; nil for every other error (constraint violations, syntax, a `Problem` thrown by the caller).
    public static func classify(_ error: any Error) -> DatabaseUnavailable? {
        if let unavailable = error as? DatabaseUnavailable { return unavailable }
        if let psql = error as? PSQLError {
            switch psql.code {
            case .clientClosedConnection, .serverClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
                return DatabaseUnavailable(.connectionLost, underlying: String(describing: psql.code))
            case .server:
                guard let state = psql.serverInfo?[.sqlState], isUnavailability(sqlState: state) else { return nil }
                return DatabaseUnavailable(.serverUnavailable, underlying: "SQLSTATE \(state)")
            default:
                return nil
            }
        }
        return nil
    }

    /// SQLSTATEs meaning "not now": connection exceptions (08…), admin/crash shutdown and "cannot connect now" (57P01–57P03),
    /// too many connections (53300).
    static func isUnavailability(sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(sqlState)
    }
}
