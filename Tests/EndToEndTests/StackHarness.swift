import AsyncHTTPClient
import Foundation
import LocalCluster
import NIOCore
import NIOHTTP1
import Testing

/// Runs the real `mercato` binary against a data directory and ports of its own.
struct StackHarness: Sendable {
    let packageRoot: String
    let dataDirectory: String
    let postgresPort: Int
    let identityPort: Int
    let catalogPort: Int
    let notificationsPort: Int
    let ordersPort: Int
    let paymentsPort: Int
    let rabbitMQPort: Int
    let mailSinkPort: Int
    let adminPassword = "admin-password-e2e-\(UUID().uuidString.prefix(8))"
    /// More environment for `mercato` and, through it, every service (e.g. `MERCATO_IDENTITY_ACCESS_TOKEN_TTL`).
    let extraEnvironment: [String: String]

    init(environment extraEnvironment: [String: String] = [:]) throws {
        self.extraEnvironment = extraEnvironment
        packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        dataDirectory = packageRoot + "/.build/e2e/\(UUID().uuidString.prefix(8).lowercased())"
        postgresPort = try FreePort.find()
        identityPort = try FreePort.find()
        catalogPort = try FreePort.find()
        notificationsPort = try FreePort.find()
        ordersPort = try FreePort.find()
        paymentsPort = try FreePort.find()
        rabbitMQPort = try FreePort.findRun(of: 5)
        mailSinkPort = try FreePort.find()
    }

    var binaryDirectory: String {
        ProcessInfo.processInfo.environment["MERCATO_BIN_DIR"] ?? packageRoot + "/.build/debug"
    }

    var identityURL: String { "http://127.0.0.1:\(identityPort)" }
    var catalogURL: String { "http://127.0.0.1:\(catalogPort)" }
    var notificationsURL: String { "http://127.0.0.1:\(notificationsPort)" }
    var ordersURL: String { "http://127.0.0.1:\(ordersPort)" }
    var paymentsURL: String { "http://127.0.0.1:\(paymentsPort)" }
    /// The stack's mail sink (to read what it received).
    var mailSink: SMTPSink { SMTPSink(dataDirectory: dataDirectory + "/mail", port: mailSinkPort) }

    /// Runs `mercato <arguments> <stack options>` and returns exit status and output (off the concurrency pool:
    /// `mercato up` takes half a minute).
    @discardableResult
    func mercato(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let output = try await CommandRunner(environment: environment).runOffPool(binaryDirectory + "/mercato", arguments + stackOptions,
                                                                                 allowFailure: true)
        return (output.status, output.text)
    }

    /// `mercato`'s environment: the first admin.
    private var environment: [String: String] {
        ["MERCATO_ADMIN_EMAIL": "admin@e2e.test", "MERCATO_ADMIN_PASSWORD": adminPassword].merging(extraEnvironment) { _, extra in extra }
    }

    /// The options that point every `mercato` command at this harness's stack.
    private var stackOptions: [String] {
        ["--data-dir", dataDirectory, "--postgres-port", String(postgresPort),
         "--identity-port", String(identityPort), "--catalog-port", String(catalogPort),
         "--notifications-port", String(notificationsPort), "--orders-port", String(ordersPort),
         "--payments-port", String(paymentsPort), "--rabbitmq-port", String(rabbitMQPort),
         "--mail-sink-port", String(mailSinkPort)]
    }

    /// Stops everything and removes the data directory.
    func tearDown() {
        _ = try? CommandRunner(environment: environment).run(binaryDirectory + "/mercato", ["down"] + stackOptions, allowFailure: true)
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

/// Free TCP ports on loopback.
enum FreePort {
    struct NoneFree: Error {}

    /// One port the kernel picked as free.
    static func find() throws -> Int {
        guard let port = LoopbackPort.freePort() else { throw NoneFree() }
        return port
    }

    /// The first of `count` consecutive ports that can all be bound now (RabbitMQ's node uses five), picked below
    /// Linux's ephemeral range (32768–60999), where outgoing connections could take one between check and use.
    static func findRun(of count: Int) throws -> Int {
        for _ in 0..<200 {
            let first = Int.random(in: 20_000...32_000)
            if (first..<first + count).allSatisfy(LoopbackPort.canBind) { return first }
        }
        throw NoneFree()
    }
}

/// JSON calls to a service.
struct JSONClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let baseURL: String

    func send(_ method: HTTPMethod, _ path: String, json: Any? = nil, bearer: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 8 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
    }
}
