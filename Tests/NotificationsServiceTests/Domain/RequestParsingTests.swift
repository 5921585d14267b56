import Foundation
import MercatoCore
import Testing
@testable import NotificationsService

/// Tier: pure domain. Query, body, header and stream framing rules of the API.
@Suite struct RequestParsingTests {
    @Test func listQueryDefaultsAndLimits() throws {
        #expect(try NotificationListQuery.parse([:]) == NotificationListQuery(limit: 20, cursor: nil, unreadOnly: false, userID: nil))
        #expect(try NotificationListQuery.parse(["limit": "100", "unread": "true"]).limit == 100)
        for bad in [["limit": "0"], ["limit": "101"], ["limit": "ten"], ["unread": "yes"], ["userId": "42"]] {
            #expect(throws: Problem.self) { try NotificationListQuery.parse(bad) }
        }
    }

    @Test func aCursorOnlyFitsItsFilter() throws {
        let cursor = PageCursor.encode(NotificationCursor(createdAt: 1_700_000_000_000_000, id: UUID(), unread: true))
        #expect(try NotificationListQuery.parse(["cursor": cursor, "unread": "true"]).cursor != nil)
        #expect(throws: Problem.badRequest("The cursor belongs to another `unread` filter.")) {
            try NotificationListQuery.parse(["cursor": cursor])
        }
        #expect(throws: Problem.self) { try NotificationListQuery.parse(["cursor": "not-a-cursor"]) }
        let forged = PageCursor.encode(NotificationCursor(createdAt: .max, id: UUID(), unread: false))
        #expect(throws: Problem.self) { try NotificationListQuery.parse(["cursor": forged]) }
    }

    @Test func preferencesUpdateIsStrict() throws {
        let valid = #"{"topics":{"account":true,"price_drop":false,"orders":true}}"#
        #expect(try JSONBody.decode(PreferencesUpdate.self, from: Data(valid.utf8)).topics == TopicSwitches(priceDrop: false))
        let cases: [(String, String)] = [
            (#"{"topics":{"account":true,"price_drop":false}}"#, "topics.orders"),
            (#"{"topics":{"account":"yes","price_drop":false,"orders":true}}"#, "topics.account"),
            (#"{"topics":{"account":true,"price_drop":false,"orders":true,"sms":true}}"#, "topics.sms"),
            (#"{"topics":{"account":true,"price_drop":false,"orders":true},"marketing_opt_in":true}"#, "marketing_opt_in"),
            (#"{}"#, "topics"),
        ]
        for (body, field) in cases {
            let problem = #expect(throws: Problem.self) { try JSONBody.decode(PreferencesUpdate.self, from: Data(body.utf8)) }
            #expect(problem?.status == .unprocessableContent, "\(body)")
            #expect(problem?.errors?.first?.field == field, "\(body)")
        }
    }

    @Test func ifMatchNamesAVersion() throws {
        #expect(try PreferencesUpdate.version(ifMatch: nil) == nil)
        #expect(try PreferencesUpdate.version(ifMatch: "*") == nil)
        #expect(try PreferencesUpdate.version(ifMatch: #""3""#) == 3)
        #expect(try PreferencesUpdate.version(ifMatch: #"W/"0""#) == 0)
        #expect(throws: Problem.self) { try PreferencesUpdate.version(ifMatch: "3") }
        #expect(throws: Problem.self) { try PreferencesUpdate.version(ifMatch: #""-1""#) }
    }

    @Test func serverSentEventFraming() throws {
        let id = UUID()
        let record = NotificationRecord(id: id, eventType: "mercato.identity.user-registered.v1", topic: .account, channel: .inApp,
                                        subject: "Hi", body: "line one\nline two", status: .delivered,
                                        createdAt: Date(timeIntervalSince1970: 0), readAt: nil)
        let text = try ServerSentEvent.notification(record)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(lines[0] == "id: \(id.uuidString.lowercased())")
        #expect(lines[1] == "event: notification")
        #expect(lines[2].hasPrefix("data: {") && lines[2].contains(#""body":"line one\nline two""#))
        #expect(lines[3].isEmpty && lines[4].isEmpty)
        #expect(ServerSentEvent.comment("heartbeat") == ": heartbeat\n\n")
    }

    @Test func fromMailboxAndTLSModeParse() {
        #expect(SMTPDeliveryConfig.mailbox("Mercato <no-reply@mercato.local>").address == "no-reply@mercato.local")
        #expect(SMTPDeliveryConfig.mailbox("Mercato <no-reply@mercato.local>").name == "Mercato")
        #expect(SMTPDeliveryConfig.mailbox("ops@mercato.local").name == nil)
        #expect(SMTPDeliveryConfig.tlsMode("off") == .none)
        #expect(SMTPDeliveryConfig.tlsMode("optional") == .startTLSIfAvailable)
        #expect(SMTPDeliveryConfig.tlsMode("required") == .startTLS)
    }
}
