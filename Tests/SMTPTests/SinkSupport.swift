import Foundation
import LocalCluster
import NIOCore
import NIOPosix
import SMTP

/// Runs `body` against a fresh aiosmtpd sink on a free port, stopping it afterwards. No skipping:
/// a sink that cannot start fails the test.
func withSMTPSink<T>(options: SMTPSink.Options = SMTPSink.Options(), _ body: (SMTPSink) async throws -> T) async throws -> T {
    let directory = NSTemporaryDirectory() + "mercato-smtp-sink-\(UUID().uuidString)"
    // Port 0: the sink binds a free port itself, so no port is reserved (and possibly lost) in between.
    let starting = SMTPSink(dataDirectory: directory, port: 0, options: options)
    do {
        let sink = SMTPSink(dataDirectory: directory, port: try await starting.start(), options: options)
        let result = try await body(sink)
        await sink.stop()
        try? FileManager.default.removeItem(atPath: directory)
        return result
    } catch {
        await starting.stop()
        throw error
    }
}

/// A port nothing listens on right now (bound to port 0, then released): for the closed-port test.
func freeLoopbackPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// A client for the sink: plain text, short timeouts.
func sinkClient(_ sink: SMTPSink, credentials: SMTPCredentials? = nil) -> SMTPClient {
    SMTPClient(configuration: .init(host: "127.0.0.1", port: sink.port, tlsMode: .none, credentials: credentials,
                                    heloName: "tests.mercato.test", connectTimeout: .seconds(5),
                                    commandTimeout: .seconds(10), dataTimeout: .seconds(10),
                                    allowsInsecureAuthentication: credentials != nil))
}
