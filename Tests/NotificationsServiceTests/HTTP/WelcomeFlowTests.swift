import Contracts
import Foundation
import LocalCluster
import MercatoTestSupport
import Testing
@testable import NotificationsService

/// The "done when", short of RabbitMQ (wired in main): a `user-registered` event, applied as the consumer
/// applies it, produces a welcome email in a real SMTP sink and a notification in `GET /api/v1/notifications`.
@Suite(.serialized) struct WelcomeFlowTests {
    @Test func registrationProducesAWelcomeEmailAndAnInAppNotification() async throws {
        try await withMailSink { sink in
            try await NotificationsTestApp.run(values: smtpValues(port: sink.port, pollInterval: 60), services: true) { app in
                let ada = UUID()
                try await app.events.apply(EventBodies.registered(ada, email: "ada@example.test", name: "Ada"))

                let received = try #require(try await sink.waitForMessages(count: 1, timeout: .seconds(10)).first)
                #expect(received.rcptTos == ["ada@example.test"])
                #expect(received.subject == "Welcome to Mercato, Ada!")
                let page = try await app.list(as: .user(ada))
                #expect(page.items.map(\.subject) == ["Welcome to Mercato, Ada!"])
                #expect(page.items.first?.eventType == UserRegistered.eventType)

                let deadline = ContinuousClock.now + .seconds(5)
                var email = try await app.database.storedNotifications(of: ada).first { $0.channel == "email" }
                while email?.status != "sent", ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                    email = try await app.database.storedNotifications(of: ada).first { $0.channel == "email" }
                }
                #expect(email?.status == "sent", "the history records the delivery")
            }
        }
    }
}
