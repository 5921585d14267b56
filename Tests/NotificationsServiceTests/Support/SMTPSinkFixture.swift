import Configuration
import Foundation
import LocalCluster
import NIOCore
import NIOPosix
@testable import NotificationsService

/// A real SMTP sink (Debian's aiosmtpd) for the duration of `body`, on a port it picks itself. A sink that cannot
/// start fails the test: there is no skip.
func withMailSink<T>(options: SMTPSink.Options = SMTPSink.Options(), _ body: (SMTPSink) async throws -> T) async throws -> T {
    let directory = NSTemporaryDirectory() + "mercato-notifications-sink-\(UUID().uuidString)"
    let starting = SMTPSink(dataDirectory: directory, port: 0, options: options)
    let port: Int
    do { port = try await starting.start() } catch {
        await starting.stop()
        throw error
    }
    let sink = SMTPSink(dataDirectory: directory, port: port, options: options)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
        let result = try await body(sink)
        await sink.stop()
        return result
    } catch {
        await sink.stop()
        throw error
    }
}

/// A loopback port with no listener (bound, then released): an SMTP server that is down.
func closedLoopbackPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// Delivery settings for tests: the SMTP server on `port`, short timeouts, and the given retry schedule.
func smtpValues(port: Int, maxAttempts: Int = 5, retryDelay: Double = 30, pollInterval: Double = 60)
    -> [AbsoluteConfigKey: ConfigValue]
{
    ["smtp.host": "127.0.0.1", "smtp.port": .init(.int(port), isSecret: false), "smtp.from": "Mercato <no-reply@mercato.test>",
     "smtp.maxAttempts": .init(.int(maxAttempts), isSecret: false), "smtp.retryDelay": .init(.double(retryDelay), isSecret: false),
     "smtp.pollInterval": .init(.double(pollInterval), isSecret: false), "smtp.timeout": 5.0]
}

/// Delivery settings read from `values`, as the service reads them.
func deliveryConfig(_ values: [AbsoluteConfigKey: ConfigValue]) -> SMTPDeliveryConfig {
    SMTPDeliveryConfig(reader: ConfigReader(provider: InMemoryProvider(values: values)))
}
