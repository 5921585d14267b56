// pool-outage: keeps a postgres-nio pool busy so a test can take its server away and bring it back.
//
// Usage: pool-outage HOST PORT USER PASSWORD DATABASE MIN_CONNECTIONS SECONDS
// Runs 16 workers leasing from a pool of at most 6 connections that keeps MIN_CONNECTIONS open, each running
// `SELECT 1` in a loop (every lease and statement bounded by a second, so no worker waits on a dead server), for
// SECONDS; then prints `ok=<statements that succeeded> failed=<that failed> ok_after_failure=<succeeded after the
// first failure>` and exits 0 — at the latest 5 s after SECONDS, even if a worker still waits on a statement that
// postgres-nio lost when the server went away (seen: a query in flight at a kill -9 that never completes; Mercato's
// `Database` bounds every statement, this probe shows the pool as it is). With MIN_CONNECTIONS above 1, postgres-nio 1.33.2 traps when the server comes back
// (docs/operations.md, "PostgreSQL outages"): the process then dies of SIGILL/SIGTRAP instead — which is what
// DatabaseOutageTests shows, in a process of its own.
import Foundation
import PostgresNIO
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count == 8, let port = Int(arguments[2]), let minimum = Int(arguments[6]), let seconds = Double(arguments[7]) else {
    FileHandle.standardError.write(Data("usage: pool-outage HOST PORT USER PASSWORD DATABASE MIN_CONNECTIONS SECONDS\n".utf8))
    exit(2)
}
var configuration = PostgresClient.Configuration(host: arguments[1], port: port, username: arguments[3], password: arguments[4],
                                                 database: arguments[5], tls: .disable)
configuration.options.maximumConnections = 6
configuration.options.minimumConnections = minimum
configuration.options.keepAliveBehavior = nil
configuration.options.connectTimeout = .seconds(1)

/// Statement counts, shared by the workers.
struct Tally { var ok = 0, failed = 0, okAfterFailure = 0 }
let tally = Mutex(Tally())
let client = PostgresClient(configuration: configuration)

/// One bounded `SELECT 1`: the lease is cancelled after a second, so a worker never waits for a server that is away.
func selectOne() async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask { (try? await client.query("SELECT 1")) != nil }
        group.addTask {
            try? await Task.sleep(for: .seconds(1))
            return false
        }
        let first = await group.next() ?? false
        group.cancelAll()
        return first
    }
}

/// Prints the counts.
@Sendable func report() {
    let final = tally.withLock { $0 }
    print("ok=\(final.ok) failed=\(final.failed) ok_after_failure=\(final.okAfterFailure)")
}

DispatchQueue.global().asyncAfter(deadline: .now() + seconds + 5) {
    report()
    exit(0)
}

await withTaskGroup(of: Void.self) { group in
    group.addTask { await client.run() }
    let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    await withTaskGroup(of: Void.self) { workers in
        for _ in 0..<16 {
            workers.addTask {
                while ContinuousClock.now < end {
                    let succeeded = await selectOne()
                    tally.withLock { tally in
                        if succeeded {
                            tally.ok += 1
                            if tally.failed > 0 { tally.okAfterFailure += 1 }
                        } else {
                            tally.failed += 1
                        }
                    }
                    if !succeeded { try? await Task.sleep(for: .milliseconds(50)) }
                }
            }
        }
    }
    group.cancelAll()
}
report()
