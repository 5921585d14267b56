import PostgresNIO

/// Classifies PostgreSQL errors so stores can turn constraint violations into problems.
public enum DatabaseError {
    /// The SQLSTATE of a server error, looking through transaction wrappers.
    public static func sqlState(of error: any Error) -> String? {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] }
        if let error = error as? PostgresTransactionError {
            return [error.closureError, error.beginError, error.commitError, error.rollbackError]
                .compactMap { $0 }.lazy.compactMap(sqlState(of:)).first
        }
        return nil
    }

    /// The constraint a server error names, if any.
    public static func constraint(of error: any Error) -> String? {
        if let error = error as? PSQLError { return error.serverInfo?[.constraintName] }
        if let error = error as? PostgresTransactionError, let inner = error.closureError ?? error.commitError {
            return constraint(of: inner)
        }
        return nil
    }

    /// A unique constraint was violated (23505), optionally a named one.
    public static func isUniqueViolation(_ error: any Error, constraint name: String? = nil) -> Bool {
        sqlState(of: error) == "23505" && (name == nil || constraint(of: error) == name)
    }

    /// A check constraint was violated (23514), optionally a named one.
    public static func isCheckViolation(_ error: any Error, constraint name: String? = nil) -> Bool {
        sqlState(of: error) == "23514" && (name == nil || constraint(of: error) == name)
    }

    /// A foreign key was violated (23503).
    public static func isForeignKeyViolation(_ error: any Error) -> Bool {
        sqlState(of: error) == "23503"
    }

    /// A serialization failure or deadlock (40001, 40P01): safe to retry the transaction.
    public static func isRetryable(_ error: any Error) -> Bool {
        let state = sqlState(of: error)
        return state == "40001" || state == "40P01"
    }
}
