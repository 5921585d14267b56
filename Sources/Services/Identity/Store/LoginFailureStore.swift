import Foundation
import MercatoCore

/// Failed logins in PostgreSQL, so every replica throttles on the same counts.
struct LoginFailureStore: Sendable {
    let database: Database
    let policy: LoginThrottlePolicy

    /// Failure times (seconds since the epoch) in the window for `account` and `address`, plus the database's now.
    func recent(account: String, address: String) async throws -> (account: [Int64], address: [Int64], now: Int64) {
        let window = Double(policy.windowSeconds)
        let rows = try await database.query("""
            SELECT 'a'::text, extract(epoch FROM failed_at)::bigint FROM (
                SELECT failed_at FROM login_failures WHERE account = \(account)
                  AND failed_at > now() - make_interval(secs => \(window)) ORDER BY failed_at DESC LIMIT \(max(1, policy.accountRefuseAfter))) x
            UNION ALL
            SELECT 'c'::text, extract(epoch FROM failed_at)::bigint FROM (
                SELECT failed_at FROM login_failures WHERE client_address = \(address)
                  AND failed_at > now() - make_interval(secs => \(window)) ORDER BY failed_at DESC LIMIT \(max(1, policy.addressRefuseAfter))) y
            UNION ALL
            SELECT 'n'::text, extract(epoch FROM now())::bigint
            """)
        var accountTimes: [Int64] = []
        var addressTimes: [Int64] = []
        var now = Int64(Date().timeIntervalSince1970)
        for row in rows {
            let (kind, time) = try row.decode((String, Int64).self)
            switch kind {
            case "a": accountTimes.append(time)
            case "c": addressTimes.append(time)
            default: now = time
            }
        }
        return (accountTimes, addressTimes, now)
    }

    /// Records one failure, and now and then forgets failures older than the window.
    func record(account: String, address: String) async throws {
        try await database.query("INSERT INTO login_failures (account, client_address) VALUES (\(account), \(address))")
        if Int.random(in: 0..<50) == 0 {
            let window = Double(policy.windowSeconds)
            try await database.query("DELETE FROM login_failures WHERE failed_at < now() - make_interval(secs => \(window))")
        }
    }

    /// Forgets an account's failures after a successful login (the address's stay).
    func clear(account: String) async throws {
        try await database.query("DELETE FROM login_failures WHERE account = \(account)")
    }
}
