import PostgresNIO

/// Builds a statement whose clauses depend on the request, numbering binds as it goes.
struct SQLBuilder {
    /// The SQL so far.
    private(set) var sql = ""
    /// The bound values, `$1` first.
    private(set) var binds = PostgresBindings()

    /// Appends raw SQL (never client text).
    mutating func append(_ fragment: String) { sql += fragment }

    /// Binds `value` and returns its placeholder (`$n`).
    mutating func bind<Value: PostgresEncodable & PostgresNonThrowingEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// The finished statement.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
