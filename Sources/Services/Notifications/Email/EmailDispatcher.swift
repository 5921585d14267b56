import Foundation
import Logging
import MercatoCore
import Messaging
import Metrics
import ServiceLifecycle
import SMTP

/// Sends pending emails over SMTP: a `Service` run once per process.
///
/// Each email is locked with `FOR UPDATE SKIP LOCKED` in its own transaction while it is sent, so replicas never
/// send the same row and a crash leaves it pending. Success marks it `sent`; a transient failure schedules a
/// retry with exponential backoff (`smtp.retryDelay` doubling to `smtp.maxRetryDelay`); a permanent failure or
/// the `smtp.maxAttempts`-th failure marks it `failed` with the reason (the server's reply, no internals).
/// Woken by `NOTIFY notifications_email` from the creating transaction, with polling (`smtp.pollInterval`)
/// and the next retry time as fallbacks. SMTP failures never end the service.
public struct EmailDispatcher: Service {
    private let database: Database
    private let client: SMTPClient
    private let config: SMTPDeliveryConfig
    private let logger: Logger
    private let instruments: EmailInstruments

    /// A dispatcher for the configured SMTP server.
    public init(database: Database, config: SMTPDeliveryConfig, logger: Logger) {
        self.database = database
        self.client = SMTPClient(configuration: config.client, logger: logger)
        self.config = config
        self.logger = logger
        self.instruments = EmailInstruments()
    }

    /// Dispatches until graceful shutdown; a send in progress is finished first.
    public func run() async throws {
        let wakeup = RelaySignal()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await ChannelListener(database: database, channel: NotificationSignals.email, logger: logger)
                    .run { _ in wakeup.signal() }
            }
            group.addTask { await dispatchLoop(wakeup: wakeup) }
            await group.next()
            group.cancelAll()
        }
    }

    func dispatchLoop(wakeup: RelaySignal) async {
        // The notifications table comes with the migrations, which run alongside this service.
        do { try await cancelWhenGracefulShutdown { try await database.waitForTable("notifications") } } catch { return }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var wait = config.pollInterval
            do {
                try await drain()
                if let due = try await EmailQueue.secondsUntilNextDue(database: database) { wait = min(wait, max(0.01, due)) }
            } catch {
                logger.warning("email dispatch failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
            }
            // Returns early on graceful shutdown, so the loop ends between sends, never during one.
            let timeout = Duration.milliseconds(Int(wait * 1000))
            await cancelWhenGracefulShutdown { await wakeup.wait(timeout: timeout) }
        }
    }

    /// Attempts every due email once; returns when none is due.
    public func drain() async throws {
        while !Task.isShuttingDownGracefully, try await attemptNext() {}
    }

    /// Claims and attempts one due email; false when none was due.
    func attemptNext() async throws -> Bool {
        try await database.withTransaction { connection in
            guard let job = try await EmailQueue.claimNext(on: connection) else { return false }
            guard let address = job.address, !address.isEmpty else {
                try await EmailQueue.markFailed(job.id, reason: "recipient has no email address", countsAsAttempt: false, on: connection)
                instruments.failed.increment()
                return true
            }
            let attempt = job.attempts + 1
            let message = EmailMessage(from: config.from, to: [EmailAddress(address, name: job.name.isEmpty ? nil : job.name)],
                                       subject: job.subject, textBody: job.body)
            do {
                _ = try await client.send(message)
                try await EmailQueue.markSent(job.id, on: connection)
                instruments.sent.increment()
            } catch {
                let reason = DeliveryFailureReason.describe(error)
                let transient = (error as? SMTPError)?.isTransient ?? true
                switch EmailAttemptOutcome.after(attempt: attempt, transient: transient, policy: config.retryPolicy) {
                case .retry(let delay):
                    try await EmailQueue.scheduleRetry(job.id, after: delay, reason: reason, on: connection)
                    instruments.retried.increment()
                    logger.notice("email attempt failed; will retry",
                                  metadata: ["notification_id": "\(job.id)", "attempt": "\(attempt)", "reason": "\(reason)"])
                case .giveUp:
                    try await EmailQueue.markFailed(job.id, reason: reason, countsAsAttempt: true, on: connection)
                    instruments.failed.increment()
                    logger.warning("email failed", metadata: ["notification_id": "\(job.id)", "attempt": "\(attempt)", "reason": "\(reason)"])
                }
            }
            return true
        }
    }
}

/// Email metrics: sent, failed (given up) and retried counters.
struct EmailInstruments: Sendable {
    let sent = Counter(label: "notifications_emails_sent_total")
    let failed = Counter(label: "notifications_emails_failed_total")
    let retried = Counter(label: "notifications_emails_retried_total")
}
