import Contracts
import Foundation
import LocalCluster
import MercatoCore
import Testing
@testable import NotificationsService

/// Tier: integration against a real SMTP sink (aiosmtpd) and PostgreSQL. Serialized: each test spawns a Python
/// process, and a spawn made while another test holds a socket would inherit it.
@Suite(.serialized) struct EmailDispatcherTests {
    @Test func welcomeEmailArrivesWithRecipientAndSubject() async throws {
        try await withMailSink { sink in
            try await withNotificationsDatabase { database in
                let applier = try EventApplier(database: database)
                let user = UUID()
                try await applier.apply(EventBodies.registered(user, email: "ada@example.test", name: "Ada Lovelace"))
                let dispatcher = EmailDispatcher(database: database, config: deliveryConfig(smtpValues(port: sink.port)), logger: database.logger)
                try await dispatcher.drain()

                let received = try #require(try await sink.waitForMessages(count: 1).first)
                #expect(received.rcptTos == ["ada@example.test"])
                #expect(received.mailFrom == "no-reply@mercato.test")
                #expect(received.subject == "Welcome to Mercato, Ada Lovelace!")
                #expect(received.to == "Ada Lovelace <ada@example.test>")
                #expect(received.text?.contains("your Mercato account is ready") == true)
                let email = try #require(try await database.storedNotifications(of: user).first { $0.channel == "email" })
                #expect(email.status == "sent" && email.attempts == 1 && email.lastError == nil)
                let sentAt = try await database.query("SELECT sent_at FROM notifications WHERE channel = 'email'").first?.decode(Date?.self)
                #expect(sentAt != nil)
            }
        }
    }

    @Test func theRunningDispatcherIsWokenByTheCommit() async throws {
        try await withMailSink { sink in
            try await withNotificationsDatabase { database in
                // A poll interval of a minute: only the NOTIFY can make this arrive within the wait below.
                let dispatcher = EmailDispatcher(database: database, config: deliveryConfig(smtpValues(port: sink.port, pollInterval: 60)),
                                                 logger: database.logger)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await dispatcher.run() }
                    try await Task.sleep(for: .milliseconds(500))
                    try await EventApplier(database: database).apply(EventBodies.registered(UUID(), email: "woken@example.test"))
                    let received = try await sink.waitForMessages(count: 1, timeout: .seconds(10))
                    #expect(received.first?.rcptTos == ["woken@example.test"])
                    group.cancelAll()
                }
            }
        }
    }

    @Test func aDownServerRetriesWithBackoffThenFails() async throws {
        let port = try await closedLoopbackPort()
        try await withNotificationsDatabase { database in
            let user = UUID()
            try await EventApplier(database: database).apply(EventBodies.registered(user))
            let dispatcher = EmailDispatcher(database: database, config: deliveryConfig(smtpValues(port: port, maxAttempts: 3, retryDelay: 100)),
                                             logger: database.logger)
            func email() async throws -> StoredNotification { try #require(try await database.storedNotifications(of: user).first { $0.channel == "email" }) }
            func secondsUntilDue() async throws -> Double {
                try #require(try await database.query("""
                    SELECT EXTRACT(EPOCH FROM next_attempt_at - now())::float8 FROM notifications WHERE channel = 'email'
                    """).first?.decode(Double.self))
            }

            try await dispatcher.drain()
            let first = try await email()
            #expect(first.status == "pending" && first.attempts == 1)
            #expect(first.lastError == "SMTP server unreachable")
            #expect((99...101).contains(try await secondsUntilDue()), "first retry after smtp.retryDelay")
            try await dispatcher.drain()
            #expect(try await email().attempts == 1, "nothing is due before the backoff ends")

            try await database.query("UPDATE notifications SET next_attempt_at = now() WHERE channel = 'email'")
            try await dispatcher.drain()
            #expect(try await email().attempts == 2)
            #expect((199...201).contains(try await secondsUntilDue()), "the delay doubles")

            try await database.query("UPDATE notifications SET next_attempt_at = now() WHERE channel = 'email'")
            try await dispatcher.drain()
            let final = try await email()
            #expect(final.status == "failed" && final.attempts == 3 && final.lastError == "SMTP server unreachable")
            #expect(try await EmailQueue.secondsUntilNextDue(database: database) == nil)
        }
    }

    @Test func theRunningDispatcherSurvivesADownServer() async throws {
        let port = try await closedLoopbackPort()
        try await withNotificationsDatabase { database in
            let user = UUID()
            try await EventApplier(database: database).apply(EventBodies.registered(user))
            let dispatcher = EmailDispatcher(database: database, config: deliveryConfig(smtpValues(port: port, maxAttempts: 3, retryDelay: 0.05)),
                                             logger: database.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await dispatcher.run() }
                let deadline = ContinuousClock.now + .seconds(15)
                var email = try await database.storedNotifications(of: user).first { $0.channel == "email" }
                while email?.status == "pending", ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                    email = try await database.storedNotifications(of: user).first { $0.channel == "email" }
                }
                #expect(email?.status == "failed" && email?.attempts == 3)
                group.cancelAll()
                try await group.waitForAll()
            }
        }
    }

    @Test func aPermanentRejectionFailsAtOnceWithTheReply() async throws {
        var options = SMTPSink.Options()
        options.rejectedRecipients = ["gone@example.test"]
        try await withMailSink(options: options) { sink in
            try await withNotificationsDatabase { database in
                let user = UUID()
                try await EventApplier(database: database).apply(EventBodies.registered(user, email: "gone@example.test"))
                let dispatcher = EmailDispatcher(database: database, config: deliveryConfig(smtpValues(port: sink.port)), logger: database.logger)
                try await dispatcher.drain()
                let email = try #require(try await database.storedNotifications(of: user).first { $0.channel == "email" })
                #expect(email.status == "failed" && email.attempts == 1)
                #expect(email.lastError == "550 5.1.1 <gone@example.test>: mailbox unavailable")
            }
        }
    }
}
