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
    let adminPassword = "admin-password-e2e-\(UUID().uuidString.prefix(8))"

    init() throws {
        packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        dataDirectory = packageRoot + "/.build/e2e/\(UUID().uuidString.prefix(8).lowercased())"
        postgresPort = try FreePort.find()
        identityPort = try FreePort.find()
        catalogPort = try FreePort.find()
    }

    var binaryDirectory: String {
        ProcessInfo.processInfo.environment["MERCATO_BIN_DIR"] ?? packageRoot + "/.build/debug"
    }

    var identityURL: String { "http://127.0.0.1:\(identityPort)" }
    var catalogURL: String { "http://127.0.0.1:\(catalogPort)" }

    /// Runs `mercato <arguments> <stack options>` and returns exit status and output.
    @discardableResult
    func mercato(_ arguments: [String]) throws -> (status: Int32, output: String) {
        var environment: [String: String] = [:]
        environment["MERCATO_ADMIN_EMAIL"] = "admin@e2e.test"
        environment["MERCATO_ADMIN_PASSWORD"] = adminPassword
        let output = try CommandRunner(environment: environment).run(binaryDirectory + "/mercato", arguments + [
            "--data-dir", dataDirectory, "--postgres-port", String(postgresPort),
            "--identity-port", String(identityPort), "--catalog-port", String(catalogPort),
        ], allowFailure: true)
        return (output.status, output.text)
    }
    /// Stops everything and removes the data directory.
    func tearDown() {
        _ = try? mercato(["down"])
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

/// A free TCP port on loopback, found by binding port 0.
enum FreePort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CocoaError(.fileNoSuchFile) }
        return Int(UInt16(bigEndian: address.sin_port))
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
