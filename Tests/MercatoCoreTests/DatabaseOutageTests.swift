import Foundation
import LocalCluster
import Logging
import MercatoCore
import MercatoTestSupport
import PostgresNIO
import Synchronization
import Testing

/// The database pool through PostgreSQL outages, against a server of the test's own that it stops, kills and starts:
/// no statement waits past its deadline while the server is away, every one fails as `DatabaseUnavailable`, the pool
/// recovers by itself — and postgres-nio's trap with more than one persistent connection, in a process of its own.
@Suite(.serialized) struct DatabaseOutageTests {
    /// Runs `body` with a database on a fresh disposable server, the pool running.
    func withOutageDatabase(minConnections: Int = 1, holdTimeout: Double = 15,
                            _ body: (DisposablePostgres, Database) async throws -> Void) async throws {
        let postgres = try DisposablePostgres.start()
        defer { postgres.remove() }
        var config = postgres.config(minConnections: minConnections)
        config.holdTimeout = holdTimeout
        var logger = Logger(label: "test.outage")
        logger.logLevel = .warning
        let database = Database(config: config, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            try await body(postgres, database)
            group.cancelAll()
        }
    }

    /// Whether `SELECT 1` succeeds now.
    func answers(_ database: Database) async -> Bool { (try? await database.query("SELECT 1")) != nil }

    @Test(.timeLimit(.minutes(2))) func whileTheServerIsDownStatementsFailAsUnavailableWithinTheirDeadlineAndThePoolRecovers() async throws {
        try await withOutageDatabase { postgres, database in
            #expect(await answers(database))
            try postgres.stopServer()
            for _ in 0..<3 {
                let started = ContinuousClock.now
                let error = await #expect(throws: DatabaseUnavailable.self) { try await database.query("SELECT 1") }
                // The lease timeout is 1 s; a statement that waited on the pool's own retries would take 15 s and more.
                #expect(ContinuousClock.now - started < .seconds(8), "\(String(describing: error))")
            }
            try postgres.startServer()
            #expect(await eventually(seconds: 20) { await answers(database) })
        }
    }

    @Test(.timeLimit(.minutes(2))) func sixteenWorkersLeasingThroughARestartAndAKillNeverTrapAndAllRecover() async throws {
        try await withOutageDatabase { postgres, database in
            let tally = OutageTally()
            try await withThrowingTaskGroup(of: Void.self) { group in
                let end = ContinuousClock.now + .seconds(14)
                for _ in 0..<16 {
                    group.addTask {
                        while ContinuousClock.now < end {
                            do {
                                try await database.withTransaction { connection in
                                    _ = try await connection.run("SELECT pg_sleep(0.005)")
                                }
                                tally.count { $0.ok += 1 }
                            } catch is DatabaseUnavailable {
                                tally.count { $0.unavailable += 1 }
                                try await Task.sleep(for: .milliseconds(20))
                            } catch {
                                tally.count { $0.other += 1 }
                            }
                        }
                    }
                }
                try await Task.sleep(for: .seconds(2))
                try postgres.stopServer()
                try await Task.sleep(for: .seconds(2))
                try postgres.startServer()
                try await Task.sleep(for: .seconds(3))
                try postgres.killServer()
                try await Task.sleep(for: .seconds(1))
                try postgres.restartAfterKill()
                tally.count { $0.recovered = true }
                try await group.waitForAll()
            }
            let final = tally.counts
            #expect(final.unavailable > 0, "the outages were not seen: \(final)")
            #expect(final.other == 0, "outage errors must all be DatabaseUnavailable: \(final)")
            #expect(final.okAfterRecovery > 0, "the pool did not recover: \(final)")
        }
    }

    @Test(.timeLimit(.minutes(2))) func aStatementOnAServerThatStopsAnsweringIsCutAtTheHoldTimeout() async throws {
        try await withOutageDatabase(holdTimeout: 2) { _, database in
            // A lock held by another session makes the statement wait like a server that no longer answers.
            try await database.query("CREATE TABLE held (id int)")
            try await database.withConnection(holdingIndefinitely: true) { locker in
                try await locker.run("BEGIN")
                try await locker.run("LOCK TABLE held IN ACCESS EXCLUSIVE MODE")
                let error = await #expect(throws: DatabaseUnavailable.self) { try await database.query("SELECT count(*) FROM held") }
                #expect(error?.reason == .holdTimedOut)
                try await locker.run("ROLLBACK")
            }
            #expect(await answers(database))
        }
    }

    /// postgres-nio 1.33.2's pool with more than one persistent connection traps once the server comes back while
    /// callers keep leasing (docs/operations.md, "PostgreSQL outages"); with one it recovers. Each pool runs in a
    /// process of its own (`pool-outage`), since a trap ends the process. A run in which the pool did not reconnect
    /// before the probe's end (its backoff) shows nothing either way and is repeated, up to three times; a pool of six
    /// that serves again without trapping fails the test — then upstream has fixed the bug and
    /// `postgres.minConnections` may allow more than one again.
    @Test(.timeLimit(.minutes(3)), arguments: [(minimum: 6, traps: true), (minimum: 1, traps: false)])
    func postgresNIOPoolThrough(outage: (minimum: Int, traps: Bool)) async throws {
        var runs: [(status: Int32, okAfterFailure: Int, output: String)] = []
        for _ in 0..<3 {
            let run = try await runPoolOutage(minimum: outage.minimum)
            runs.append(run)
            if run.status != 0 || run.okAfterFailure > 0 { break }
        }
        let last = try #require(runs.last)
        if outage.traps {
            // SIGILL (4) on x86-64, SIGTRAP (5) on arm64: Swift's trap instruction.
            #expect([128 + 4, 128 + 5].contains(last.status), "expected the pool to trap; runs: \(runs)")
        } else {
            #expect(last.status == 0 && last.okAfterFailure > 0, "the pool did not recover: \(runs)")
        }
    }

    /// Runs `pool-outage` for 16 s against a server of its own, stopped for 2 s after 2 s; its exit status, the
    /// statements that succeeded after the first failure, and its output.
    func runPoolOutage(minimum: Int) async throws -> (status: Int32, okAfterFailure: Int, output: String) {
        let postgres = try DisposablePostgres.start()
        defer { postgres.remove() }
        let directory = ProcessInfo.processInfo.environment["MERCATO_BIN_DIR"] ?? TestRabbitMQ.packageRoot + "/.build/debug"
        let log = postgres.server.dataDirectory + "/../pool-outage.log"
        let child = try ChildProcess.spawn(
            executable: directory + "/pool-outage",
            arguments: ["127.0.0.1", String(postgres.server.port), postgres.server.superuser, postgres.server.superuserPassword,
                        "postgres", String(minimum), "16"],
            environment: [:], logFile: log)
        try await Task.sleep(for: .seconds(2))
        try postgres.stopServer()
        try await Task.sleep(for: .seconds(2))
        try postgres.startServer()
        let status = await Task.detached { child.waitForExit() }.value
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let okAfterFailure = output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("ok_after_failure=") }
            .flatMap { Int($0.dropFirst("ok_after_failure=".count)) } ?? 0
        return (status, okAfterFailure, String(output.suffix(300)))
    }
}

/// What the workers of an outage test saw.
final class OutageTally: Sendable {
    struct Counts: Sendable, CustomStringConvertible {
        var ok = 0, unavailable = 0, other = 0, okAfterRecovery = 0
        var recovered = false
        var description: String { "ok \(ok), unavailable \(unavailable), other errors \(other), ok after recovery \(okAfterRecovery)" }
    }

    private let state = Mutex(Counts())

    /// Updates the counts; a success after the last restart also counts as one after recovery.
    func count(_ update: (inout Counts) -> Void) {
        state.withLock { counts in
            let before = counts.ok
            update(&counts)
            if counts.recovered, counts.ok > before { counts.okAfterRecovery += 1 }
        }
    }

    /// The counts now.
    var counts: Counts { state.withLock { $0 } }
}
