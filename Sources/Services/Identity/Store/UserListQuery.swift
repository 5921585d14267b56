import Foundation
import MercatoCore
import PostgresNIO

/// A keyset-paginated, filtered listing of users for admins.
struct UserListQuery: Sendable {
    /// Where the previous page ended.
    struct Position: Codable, Sendable {
        var createdAt: Date
        var id: UUID
    }

    var after: Position?
    var limit: Int
    var emailPrefix: String?
    var role: Role?

    /// Up to `limit` users after `after`, plus the next position when more exist.
    func run(on database: Database) async throws -> (users: [User], next: Position?) {
        var sql = "SELECT \(UserStore.columns) FROM users WHERE true"
        var binds = PostgresBindings()
        if let after {
            binds.append(after.createdAt)
            binds.append(after.id)
            sql += " AND (created_at, id) > ($\(binds.count - 1), $\(binds.count))"
        }
        if let emailPrefix, !emailPrefix.isEmpty {
            binds.append(Self.escapeLike(emailPrefix) + "%")
            sql += " AND lower(email) LIKE $\(binds.count)"
        }
        if let role {
            binds.append(role.rawValue)
            sql += " AND $\(binds.count) = ANY(roles)"
        }
        sql += " ORDER BY created_at, id LIMIT \(limit + 1)"
        let rows = try await database.query(PostgresQuery(unsafeSQL: sql, binds: binds))
        let users = try rows.prefix(limit).map(UserStore.user(from:))
        let next = rows.count > limit ? users.last.map { Position(createdAt: $0.createdAt, id: $0.id) } : nil
        return (users, next)
    }

    /// `prefix` with LIKE's wildcards and escape character taken literally.
    static func escapeLike(_ prefix: String) -> String {
        prefix.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
