import Foundation
import Synchronization

/// One dependency check behind `/health/ready`.
public struct HealthCheck: Sendable {
    /// Name shown in the report, e.g. `postgres`.
    public var name: String
    /// Throws when the dependency does not answer.
    public var probe: @Sendable () async throws -> Void

    /// A check named `name` running `probe`.
    public init(name: String, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }
}

/// A yes/no condition set once by start-up code, such as "migrations applied".
public final class ReadinessFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// A flag that starts unset.
    public init() {}

    /// Marks the condition as met.
    public func set() { value.store(true, ordering: .releasing) }

    /// Whether the condition is met.
    public var isSet: Bool { value.load(ordering: .acquiring) }

    /// A health check that fails with `message` until the flag is set.
    public func check(name: String, message: String) -> HealthCheck {
        HealthCheck(name: name) { [self] in
            if !isSet { throw ReadinessFailure(message) }
        }
    }
}

/// A failed readiness condition with a message safe to publish.
public struct ReadinessFailure: Error, CustomStringConvertible {
    /// What is not ready.
    public var description: String

    /// A failure described by `description`.
    public init(_ description: String) { self.description = description }
}

/// The readiness of one service: its checks, and whether it is shutting down.
public final class Readiness: Sendable {
    private let checks: [HealthCheck]
    private let draining = Atomic<Bool>(false)

    /// Readiness made of `checks`.
    public init(checks: [HealthCheck]) { self.checks = checks }

    /// Starts reporting 503 (called first on shutdown).
    public func beginDraining() { draining.store(true, ordering: .releasing) }

    /// Whether shutdown has begun.
    public var isDraining: Bool { draining.load(ordering: .acquiring) }

    /// Runs every check concurrently, each bounded by `timeout` seconds.
    public func report(timeout: Double = 2) async -> ReadinessReport {
        var results: [ReadinessReport.Check] = []
        await withTaskGroup(of: ReadinessReport.Check.self) { group in
            for check in checks {
                group.addTask { await Self.run(check, timeout: timeout) }
            }
            for await result in group { results.append(result) }
        }
        results.sort { $0.name < $1.name }
        if isDraining {
            results.append(.init(name: "shutdown", status: "down", error: "shutting down", durationMs: 0))
        }
        return ReadinessReport(status: results.allSatisfy { $0.status == "up" } ? "up" : "down", checks: results)
    }

    static func run(_ check: HealthCheck, timeout: Double) async -> ReadinessReport.Check {
        let started = ContinuousClock.now
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await check.probe() }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                    throw ReadinessFailure("timed out after \(timeout) s")
                }
                try await group.next()
                group.cancelAll()
            }
            return .init(name: check.name, status: "up", error: nil, durationMs: started.millisecondsElapsed)
        } catch let failure as ReadinessFailure {
            return .init(name: check.name, status: "down", error: failure.description, durationMs: started.millisecondsElapsed)
        } catch {
            return .init(name: check.name, status: "down", error: "unavailable", durationMs: started.millisecondsElapsed)
        }
    }
}

/// The JSON body of `/health/ready`.
public struct ReadinessReport: Codable, Sendable {
    /// One check's outcome.
    public struct Check: Codable, Sendable {
        /// Check name.
        public var name: String
        /// `up` or `down`.
        public var status: String
        /// Why it is down (never internals).
        public var error: String?
        /// How long the check took.
        public var durationMs: Double

        enum CodingKeys: String, CodingKey {
            case name, status, error
            case durationMs = "duration_ms"
        }
    }

    /// `up` when every check is up.
    public var status: String
    /// Every check.
    public var checks: [Check]
}

extension ContinuousClock.Instant {
    var millisecondsElapsed: Double {
        let elapsed = ContinuousClock.now - self
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
