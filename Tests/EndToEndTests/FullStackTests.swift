import AMQP
import Foundation
import LocalCluster
import MercatoCore
import Testing

/// The real stack, started by `mercato up --detach` exactly as a newcomer would: register (and get the
/// welcome email and notification through the event backbone), log in, refresh (and reuse is refused),
/// read JWKS, create and find a product as admin, adjust stock, stop.
@Suite(.serialized) struct FullStackTests {
    @Test func newcomerJourney() async throws {
        let stack = try StackHarness()
        defer { stack.tearDown() }

        let up = try await stack.mercato(["up", "--detach"])
        #expect(up.status == 0, "mercato up failed:\n\(up.output)")
        guard up.status == 0 else { return }

        let status = try await stack.mercato(["status", "--json"])
        #expect(status.status == 0, "\(status.output)")
        let components = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [[String: Any]] ?? []
        #expect(Set(components.compactMap { $0["name"] as? String })
                == ["postgres", "rabbitmq", "mail-sink", "identity", "catalog", "orders", "payments", "notifications"])
        #expect(components.allSatisfy { $0["health"] as? String == "up" }, "\(status.output)")
        let rabbitMQ = components.first { $0["name"] as? String == "rabbitmq" } ?? [:]
        #expect((rabbitMQ["url"] as? String)?.hasPrefix("amqp://mercato:") == true, "credentials in the AMQP URL")
        #expect((rabbitMQ["managementURL"] as? String)?.hasPrefix("http://127.0.0.1:") == true)

        let identity = JSONClient(baseURL: stack.identityURL)
        let catalog = JSONClient(baseURL: stack.catalogURL)

        // Register, then the same email in other case is a conflict.
        let email = "Shopper.\(UUID().uuidString.prefix(6))@Example.com"
        let register = try await identity.send(.POST, "/api/v1/auth/register", json: ["email": email, "password": "correct horse battery", "name": "Shopper"])
        #expect(register.status == 201, "\(register.text)")
        #expect(register.object["email"] as? String == email.lowercased())
        let duplicate = try await identity.send(.POST, "/api/v1/auth/register", json: ["email": email.uppercased(), "password": "correct horse battery", "name": "Again"])
        #expect(duplicate.status == 409)

        // user-registered travels identity → outbox → RabbitMQ → notifications: a welcome email arrives in the sink …
        // The first is the admin's: the very first event of the fresh stack, published as identity started — it was once
        // dropped as unroutable before notifications had declared its queue (now: topology first, mandatory publish).
        let mails = try await stack.mailSink.waitForMessages(count: 2, timeout: .seconds(30))
        #expect(mails.contains { $0.rcptTos == ["admin@e2e.test"] && $0.subject?.contains("Welcome") == true },
                "the admin's welcome: \(mails.map(\.rcptTos))")
        let welcome = mails.filter { $0.rcptTos == [email.lowercased()] }
        #expect(welcome.first?.subject?.contains("Welcome") == true, "\(welcome.first?.subject ?? "no subject")")

        // Log in, refresh, and prove a rotated refresh token cannot be used again.
        let login = try await identity.send(.POST, "/api/v1/auth/login", json: ["email": email, "password": "correct horse battery"])
        #expect(login.status == 200, "\(login.text)")
        let access = try #require(login.object["access_token"] as? String)
        let refresh = try #require(login.object["refresh_token"] as? String)

        // … and the user sees the welcome notification in their own list.
        let notifications = JSONClient(baseURL: stack.notificationsURL)
        let mine = try await notifications.send(.GET, "/api/v1/notifications", bearer: access)
        #expect(mine.status == 200, "\(mine.text)")
        let items = mine.object["items"] as? [[String: Any]] ?? []
        #expect(items.contains { ($0["event_type"] as? String)?.contains("user-registered") == true }, "\(mine.text)")
        #expect(login.object["token_type"] as? String == "Bearer")
        let refreshed = try await identity.send(.POST, "/api/v1/auth/refresh", json: ["refresh_token": refresh])
        #expect(refreshed.status == 200)
        let newRefresh = try #require(refreshed.object["refresh_token"] as? String)
        #expect(newRefresh != refresh)
        let reuse = try await identity.send(.POST, "/api/v1/auth/refresh", json: ["refresh_token": refresh])
        #expect(reuse.status == 401)
        let afterReuse = try await identity.send(.POST, "/api/v1/auth/refresh", json: ["refresh_token": newRefresh])
        #expect(afterReuse.status == 401, "reuse must revoke the whole family")

        // A poison message in notifications' queue is dead-lettered with its reason; operators see and redrive it.
        let amqpURL = try #require(rabbitMQ["url"] as? String)
        let connection = try await AMQPConnection.connect(configuration: try AMQPConfiguration(url: amqpURL))
        let channel = try await connection.openChannel()
        try await channel.confirmSelect()
        try await channel.publish("not an event", exchange: "", routingKey: "notifications.events",
                                  properties: AMQPBasicProperties(deliveryMode: 2, messageID: "e2e-poison", type: "mercato.identity.user-registered.v1"))
        try? await connection.close()
        var listed = try await stack.mercato(["dlq", "list", "notifications"])
        for _ in 0..<50 where !listed.output.contains("e2e-poison") {
            try await Task.sleep(for: .milliseconds(200))
            listed = try await stack.mercato(["dlq", "list", "notifications"])
        }
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.output.contains("e2e-poison") && listed.output.contains("not a CloudEvents envelope"), "\(listed.output)")
        let shown = try await stack.mercato(["dlq", "show", "notifications", "--id", "e2e-poison"])
        #expect(shown.output.contains("\"body\" : \"not an event\""), "\(shown.output)")
        let redriven = try await stack.mercato(["dlq", "redrive", "notifications", "--id", "e2e-poison"])
        #expect(redriven.output.contains("redriven 1 message"), "\(redriven.output)")

        // JWKS publishes the key that signed the access token.
        let jwks = try await identity.send(.GET, "/.well-known/jwks.json")
        let kids = (jwks.object["keys"] as? [[String: Any]] ?? []).compactMap { $0["kid"] as? String }
        #expect(kids.contains(try JSONWebToken.keyID(of: access)))

        // A customer cannot write the catalog; the admin can.
        let forbidden = try await catalog.send(.POST, "/api/v1/categories", json: ["slug": "nope", "name": "Nope"], bearer: access)
        #expect(forbidden.status == 403)
        let adminLogin = try await identity.send(.POST, "/api/v1/auth/login", json: ["email": "admin@e2e.test", "password": stack.adminPassword])
        #expect(adminLogin.status == 200, "\(adminLogin.text)")
        let admin = try #require(adminLogin.object["access_token"] as? String)

        let category = try await catalog.send(.POST, "/api/v1/categories", json: ["slug": "e2e-gear", "name": "E2E Gear"], bearer: admin)
        #expect(category.status == 201, "\(category.text)")
        let categoryID = try #require(category.object["id"] as? String)
        let product = try await catalog.send(.POST, "/api/v1/products", json: [
            "sku": "E2E-1", "name": "Telescoping Walrus Lamp", "description": "Lights the whole journey.",
            "category_id": categoryID, "status": "active", "price": ["amount": 4999, "currency": "EUR"],
            "attributes": ["color": "teal"], "images": ["https://images.example.com/walrus.jpg"],
        ], bearer: admin)
        #expect(product.status == 201, "\(product.text)")
        let productID = try #require(product.object["id"] as? String)

        let fetched = try await catalog.send(.GET, "/api/v1/products/\(productID)")
        #expect(fetched.status == 200)
        #expect(fetched.headers.first(name: "ETag") != nil)
        let search = try await catalog.send(.GET, "/api/v1/products?q=walrus")
        let found = (search.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(found.contains(productID), "\(search.text)")

        // An incoming W3C traceparent is continued: the access-log line carries its trace id and our request id.
        let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
        let traced = try await catalog.send(.GET, "/api/v1/products/\(productID)",
                                            headers: ["traceparent": "00-\(traceID)-00f067aa0ba902b7-01", "X-Request-Id": "e2e-trace-1"])
        #expect(traced.status == 200)
        #expect(traced.headers.first(name: "X-Request-Id") == "e2e-trace-1")
        let logText = try String(contentsOfFile: stack.dataDirectory + "/logs/catalog.log", encoding: .utf8)
        let tracedLine = logText.split(separator: "\n").first { $0.contains("\"request_id\":\"e2e-trace-1\"") }
        #expect(tracedLine?.contains("\"trace_id\":\"\(traceID)\"") == true, "\(tracedLine ?? "no log line for the request")")

        // Stock: +5 is fine, −10 would go negative and is refused by the database.
        let restock = try await catalog.send(.POST, "/api/v1/products/\(productID)/inventory/adjustments",
                                             json: ["delta": 5, "reason": "restock"], bearer: admin)
        #expect(restock.status == 200 || restock.status == 201, "\(restock.text)")
        let oversell = try await catalog.send(.POST, "/api/v1/products/\(productID)/inventory/adjustments",
                                              json: ["delta": -10, "reason": "damage"], bearer: admin)
        #expect(oversell.status == 409)
        let inventory = try await catalog.send(.GET, "/api/v1/products/\(productID)/inventory")
        #expect(inventory.object["on_hand"] as? Int == 5)
        #expect(inventory.object["available"] as? Int == 5)

        let down = try await stack.mercato(["down"])
        #expect(down.status == 0, "\(down.output)")
        let after = try await stack.mercato(["status", "--json"])
        #expect(after.status != 0)
        #expect(after.output.contains("stopped"))
    }
}
