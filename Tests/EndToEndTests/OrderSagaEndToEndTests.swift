import Foundation
import LocalCluster
import Testing

/// The order saga on the real stack (`mercato up --detach`): a good order, a declined card, the last unit raced by
/// two orders, a cancellation after payment, and payments stopped during checkout — with `mercato check` green
/// after each.
@Suite(.serialized) struct OrderSagaEndToEndTests {
    @Test func ordersEndConsistentWhateverHappens() async throws {
        let stack = try StackHarness()
        defer { stack.tearDown() }
        let up = try await stack.mercato(["up", "--detach"])
        #expect(up.status == 0, "mercato up failed:\n\(up.output)")
        guard up.status == 0 else { return }
        let shop = try await Shop(stack: stack)

        // 1. A good order: reserved, charged, confirmed; the sale leaves the stock; the customer hears of it.
        let lamp = try await shop.product(stock: 5, price: 2_500)
        let good = try await shop.place([(lamp, 2)], token: "tok_visa")
        #expect(good.status == 201, "\(good.text)")
        #expect((good.object["total"] as? [String: Any])?["amount"] as? Int == 5_000, "price from catalog, not the client")
        let goodID = try #require(good.object["id"] as? String)
        #expect(try await shop.waitForStatus(goodID) == "CONFIRMED")
        #expect(try await shop.waitForStock(lamp, Stock(onHand: 3, reserved: 0, available: 3)))
        #expect(try await shop.payments(goodID) == ["succeeded"])
        // The admin's and the customer's welcome, then the confirmation.
        let confirmation = try await stack.mailSink.waitForMessages(count: 3, timeout: .seconds(30))
        #expect(confirmation.contains { $0.subject?.contains("confirmed") == true }, "\(confirmation.map(\.subject))")
        try await expectCheckPasses(stack)

        // 2. A declined card: cancelled with the reason, stock released, nothing charged.
        let declined = try await shop.place([(lamp, 1)], token: "tok_declined")
        let declinedID = try #require(declined.object["id"] as? String)
        #expect(try await shop.waitForStatus(declinedID) == "CANCELLED")
        #expect(try await shop.order(declinedID)["cancellation_reason"] as? String == "payment-declined")
        #expect(try await shop.waitForStock(lamp, Stock(onHand: 3, reserved: 0, available: 3)))
        #expect(try await shop.payments(declinedID) == ["failed"])
        try await expectCheckPasses(stack)

        // 3. Two customers race for the last unit: exactly one order is confirmed, the other cancelled out of stock.
        let last = try await shop.product(stock: 1, price: 9_900)
        let rival = try await Shop(stack: stack, customerName: "Rival")
        async let first = shop.place([(last, 1)], token: "tok_visa")
        async let second = rival.place([(last, 1)], token: "tok_visa")
        let racers = [try await first, try await second].compactMap { $0.object["id"] as? String }
        #expect(racers.count == 2)
        let outcomes = [try await shop.waitForStatus(racers[0], as: shop), try await shop.waitForStatus(racers[1], as: rival)]
        #expect(outcomes.compactMap { $0 }.sorted() == ["CANCELLED", "CONFIRMED"], "\(outcomes)")
        #expect(try await shop.waitForStock(last, Stock(onHand: 0, reserved: 0, available: 0)))
        try await expectCheckPasses(stack)

        // 4. Cancel after payment: refunded, stock back.
        let paid = try await shop.place([(lamp, 1)], token: "tok_visa")
        let paidID = try #require(paid.object["id"] as? String)
        #expect(try await shop.waitForStatus(paidID) == "CONFIRMED")
        #expect(try await shop.waitForStock(lamp, Stock(onHand: 2, reserved: 0, available: 2)))
        let cancel = try await shop.orders.send(.POST, "/api/v1/orders/\(paidID)/cancel", json: [String: String](), bearer: shop.token)
        #expect(cancel.status == 200, "\(cancel.text)")
        #expect(try await shop.waitForStatus(paidID) == "CANCELLED")
        #expect(try await shop.waitForPayment(paidID, state: "refunded"))
        #expect(try await shop.waitForStock(lamp, Stock(onHand: 3, reserved: 0, available: 3)))
        try await expectCheckPasses(stack)

        // 5. Payments is killed during checkout: the order waits in AWAITING_PAYMENT and completes once it is back. The
        //    supervisor is stopped first, or it would restart payments within a second; `up --detach` starts another.
        let supervisorPID = try #require(PidFile.pid(of: "supervisor", in: stack.dataDirectory))
        #expect(await ChildProcess.stop(supervisorPID, timeout: 10))
        let paymentsPID = try #require(PidFile.pid(of: "payments", in: stack.dataDirectory))
        kill(paymentsPID, SIGKILL)
        // With payments away, check still judges what it can read: what needs payments is UNKNOWN, nothing fails (exit 2).
        let away = try await stack.mercato(["check", "--settle", "0", "--read-timeout", "2"])
        #expect(away.status == 2, "\(away.output)")
        #expect(away.output.contains("UNKN  charges-accounted") && away.output.contains("unknown input: payments /internal/v1/audit/payments"),
                "\(away.output)")
        #expect(away.output.contains("PASS  stock-conserved") && away.output.contains("UNKNOWN (inputs missing)"), "\(away.output)")
        let waiting = try await shop.place([(lamp, 1)], token: "tok_visa")
        let waitingID = try #require(waiting.object["id"] as? String)
        #expect(try await shop.waitForStatus(waitingID, among: ["AWAITING_PAYMENT"]) == "AWAITING_PAYMENT")
        let restarted = try await stack.mercato(["up", "--detach"])
        #expect(restarted.status == 0, "\(restarted.output)")
        #expect(try await shop.waitForStatus(waitingID) == "CONFIRMED")
        #expect(try await shop.payments(waitingID) == ["succeeded"])
        try await expectCheckPasses(stack)
    }

    func expectCheckPasses(_ stack: StackHarness, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let check = try await stack.mercato(["check", "--settle", "30"])
        #expect(check.status == 0, "mercato check failed:\n\(check.output)", sourceLocation: sourceLocation)
        #expect(check.output.contains("all 12 invariants hold"), "\(check.output)", sourceLocation: sourceLocation)
    }
}

/// A product's stock figures.
struct Stock: Equatable, CustomStringConvertible {
    var onHand: Int
    var reserved: Int
    var available: Int
    var description: String { "on_hand \(onHand), reserved \(reserved), available \(available)" }
}

/// A customer (and the admin behind the counter) shopping on the e2e stack.
struct Shop: Sendable {
    let stack: StackHarness
    let token: String
    let adminToken: String
    var catalog: JSONClient { JSONClient(baseURL: stack.catalogURL) }
    var orders: JSONClient { JSONClient(baseURL: stack.ordersURL) }
    var paymentsAPI: JSONClient { JSONClient(baseURL: stack.paymentsURL) }

    init(stack: StackHarness, customerName: String = "Shopper") async throws {
        self.stack = stack
        let identity = JSONClient(baseURL: stack.identityURL)
        let email = "\(customerName.lowercased())-\(UUID().uuidString.prefix(6))@example.com"
        let registered = try await identity.send(.POST, "/api/v1/auth/register", json: ["email": email, "password": "correct horse battery", "name": customerName])
        guard registered.status == 201 else { throw SagaTestError("register: \(registered.text)") }
        token = try Self.login(try await identity.send(.POST, "/api/v1/auth/login", json: ["email": email, "password": "correct horse battery"]))
        adminToken = try Self.login(try await identity.send(.POST, "/api/v1/auth/login", json: ["email": "admin@e2e.test", "password": stack.adminPassword]))
    }

    static func login(_ reply: JSONClient.Reply) throws -> String {
        guard reply.status == 200, let token = reply.object["access_token"] as? String else { throw SagaTestError("login: \(reply.text)") }
        return token
    }

    /// A new active product with `stock` units at `price` cents.
    func product(stock: Int, price: Int) async throws -> String {
        let sku = "SAGA-\(UUID().uuidString.prefix(8))"
        let created = try await catalog.send(.POST, "/api/v1/products", json: [
            "sku": sku, "name": "Saga item \(sku)", "description": "For the saga test.", "status": "active",
            "price": ["amount": price, "currency": "EUR"], "attributes": [String: String](), "images": [String](),
        ], bearer: adminToken)
        guard created.status == 201, let id = created.object["id"] as? String else { throw SagaTestError("product: \(created.text)") }
        let stocked = try await catalog.send(.POST, "/api/v1/products/\(id)/inventory/adjustments", json: ["delta": stock, "reason": "restock"],
                                             bearer: adminToken)
        guard stocked.status == 201 || stocked.status == 200 else { throw SagaTestError("stock: \(stocked.text)") }
        return id
    }

    /// Places an order for `lines` paying with `token`.
    func place(_ lines: [(String, Int)], token card: String) async throws -> JSONClient.Reply {
        try await orders.send(.POST, "/api/v1/orders", json: [
            "items": lines.map { ["product_id": $0.0, "quantity": $0.1] },
            "shipping_address": ["name": "Ada Lovelace", "line1": "12 St James's Square", "city": "London", "postal_code": "SW1Y 4JH", "country": "GB"],
            "payment": ["method": "card", "token": card],
        ], bearer: token, headers: ["Idempotency-Key": UUID().uuidString])
    }

    func order(_ id: String, as customer: Shop? = nil) async throws -> [String: Any] {
        try await orders.send(.GET, "/api/v1/orders/\(id)", bearer: (customer ?? self).token).object
    }

    /// Waits until the order's status is one of `among` (default: terminal) and returns it.
    func waitForStatus(_ id: String, as customer: Shop? = nil, among: Set<String> = ["CONFIRMED", "CANCELLED"]) async throws -> String? {
        var status: String?
        for _ in 0..<300 {
            status = try await order(id, as: customer)["status"] as? String
            if let status, among.contains(status) { return status }
            try await Task.sleep(for: .milliseconds(100))
        }
        return status
    }

    func stock(_ product: String) async throws -> Stock {
        let inventory = try await catalog.send(.GET, "/api/v1/products/\(product)/inventory").object
        return Stock(onHand: inventory["on_hand"] as? Int ?? -1, reserved: inventory["reserved"] as? Int ?? -1,
                     available: inventory["available"] as? Int ?? -1)
    }

    /// Waits for catalog to apply the saga's last event for `product` (orders may report the status first).
    func waitForStock(_ product: String, _ expected: Stock) async throws -> Bool {
        for _ in 0..<300 {
            if try await stock(product) == expected { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// The states of the order's payments, as its owner sees them.
    func payments(_ orderID: String) async throws -> [String] {
        let reply = try await paymentsAPI.send(.GET, "/api/v1/payments?order_id=\(orderID)", bearer: token)
        return (reply.object["items"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
    }

    func waitForPayment(_ orderID: String, state: String) async throws -> Bool {
        for _ in 0..<300 {
            if try await payments(orderID) == [state] { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// A step of the saga test could not be set up.
struct SagaTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Pid files `mercato up` writes under `<dataDir>/run` (a service's, or `supervisor`).
enum PidFile {
    static func pid(of service: String, in dataDirectory: String) -> pid_t? {
        (try? String(contentsOfFile: "\(dataDirectory)/run/\(service).pid", encoding: .utf8))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
