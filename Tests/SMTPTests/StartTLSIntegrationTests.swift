import Foundation
import LocalCluster
import NIOSSL
import SMTP
import Testing

/// Tier: integration. Real STARTTLS against aiosmtpd with a throwaway self-signed certificate
/// (part of the serialized sink suite).
extension SinkIntegrationTests {
    /// A certificate for `localhost` made with the openssl CLI, in `directory`.
    private func makeCertificate(in directory: String) throws -> (certificate: String, key: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certificate = "\(directory)/cert.pem", key = "\(directory)/key.pem"
        try CommandRunner().run("openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
        ])
        return (certificate, key)
    }

    @Test func startTLSDeliversWhenTheCertificateIsTrustedAndFailsPermanentlyOtherwise() async throws {
        let directory = NSTemporaryDirectory() + "mercato-smtp-tls-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try makeCertificate(in: directory)
        var options = SMTPSink.Options()
        options.tlsCertificate = (certificatePath: files.certificate, keyPath: files.key)
        options.credentials = (username: "notifications", password: "s3cret")
        try await withSMTPSink(options: options) { sink in
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(files.certificate))
            var configuration = SMTPClient.Configuration(
                host: "127.0.0.1", port: sink.port, tlsMode: .startTLS,
                credentials: SMTPCredentials(username: "notifications", password: "s3cret"),
                connectTimeout: .seconds(5), commandTimeout: .seconds(10), dataTimeout: .seconds(10),
                tlsConfiguration: tls, tlsServerHostname: "localhost")
            let message = EmailMessage(from: EmailAddress("no-reply@mercato.test"), to: [EmailAddress("tls@example.test")],
                                       subject: "over TLS", textBody: "secret stuff")
            _ = try await SMTPClient(configuration: configuration).send(message)
            let received = try #require(try await sink.waitForMessages(count: 1).first)
            #expect(received.subject == "over TLS")
            // AUTH is only allowed after the upgrade (allowsInsecureAuthentication is false), so this proves TLS ran.
            #expect(received.authenticated)

            configuration.tlsConfiguration = .makeClientConfiguration()  // system roots: the self-signed cert fails
            await #expect {
                try await SMTPClient(configuration: configuration).send(message)
            } throws: { error in
                (error as? SMTPError).map { $0.code == .tlsFailed && !$0.isTransient } ?? false
            }
        }
    }
}
