import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local SMTP server that accepts mail and stores each message as `<n>.eml` (with a decoded `<n>.json`
/// summary) in a directory: for tests and `mercato up`. It is Debian's python3-aiosmtpd 1.4, run by the
/// system Python (a pyenv `python3` on PATH would not have it), listening on 127.0.0.1 only.
public struct SMTPSink: Sendable {
    /// How the sink behaves beyond storing mail.
    public struct Options: Sendable {
        /// Addresses refused at RCPT with `550 5.1.1` (permanent).
        public var rejectedRecipients: [String] = []
        /// Addresses refused at RCPT with `450 4.2.1` (transient).
        public var deferredRecipients: [String] = []
        /// When set, AUTH PLAIN/LOGIN is offered (also without TLS) and only these credentials pass.
        public var credentials: (username: String, password: String)?
        /// PEM certificate and key files: when set, STARTTLS is offered.
        public var tlsCertificate: (certificatePath: String, keyPath: String)?
        /// SIZE limit the server advertises and enforces.
        public var maximumMessageSize = 10 * 1024 * 1024

        /// Default options: accept everyone, no AUTH, no TLS.
        public init() {}
    }

    /// One stored message, as Python's `email` package decoded it (independent of our encoder).
    public struct ReceivedMessage: Sendable, Decodable {
        /// Sequence number, from 1.
        public var number: Int
        /// MAIL FROM address.
        public var mailFrom: String
        /// Accepted RCPT TO addresses.
        public var rcptTos: [String]
        /// Decoded Subject header.
        public var subject: String?
        /// Decoded To header.
        public var to: String?
        /// Decoded Cc header.
        public var cc: String?
        /// Message-ID header.
        public var messageID: String?
        /// The text/plain body, decoded.
        public var text: String?
        /// The text/html body, decoded.
        public var html: String?
        /// Whether the session had authenticated.
        public var authenticated: Bool
        /// The raw message as received (after the server removed dot-stuffing).
        public var raw: String

        enum CodingKeys: String, CodingKey {
            case number, subject, to, cc, text, html, authenticated, raw
            case mailFrom = "mail_from", rcptTos = "rcpt_tos", messageID = "message_id"
        }
    }

    /// The sink could not start or a message did not arrive.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The interpreter with Debian's aiosmtpd.
    public static let python = "/usr/bin/python3"

    /// Where messages, the script, its log and its pid file live.
    public let dataDirectory: String
    /// TCP port on 127.0.0.1; 0 lets the sink pick a free one, which `start()` returns.
    public let port: Int
    /// Behaviour.
    public let options: Options

    /// A sink storing into `dataDirectory`, listening on `port`.
    public init(dataDirectory: String, port: Int, options: Options = Options()) {
        self.dataDirectory = dataDirectory
        self.port = port
        self.options = options
    }

    /// Whether the system Python can import aiosmtpd (`scripts/setup` installs it).
    public static func isInstalled() -> Bool {
        (try? CommandRunner().run(python, ["-c", "import aiosmtpd"], allowFailure: true).status) == 0
    }

    private var pidFile: String { "\(dataDirectory)/sink.pid" }
    private var portFile: String { "\(dataDirectory)/sink.port" }
    private var messagesDirectory: String { "\(dataDirectory)/messages" }
    /// The sink's own output.
    public var logFile: String { "\(dataDirectory)/sink.log" }

    /// The running sink's process id, if any.
    public var runningPID: pid_t? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), ChildProcess.isAlive(pid)
        else { return nil }
        return pid
    }

    /// The port the running sink listens on (it writes it once bound).
    public var listeningPort: Int? {
        (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Starts the sink, waits until its port accepts connections and returns that port
    /// (no-op when already running).
    @discardableResult
    public func start(timeout: Duration = .seconds(20)) async throws -> Int {
        if runningPID != nil, let listeningPort { return listeningPort }
        let fm = FileManager.default
        try fm.createDirectory(atPath: messagesDirectory, withIntermediateDirectories: true)
        try? fm.removeItem(atPath: portFile)
        let script = "\(dataDirectory)/smtp_sink.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        var arguments = [script, "--port", String(port), "--port-file", portFile, "--directory", messagesDirectory,
                         "--size-limit", String(options.maximumMessageSize)]
        arguments += options.rejectedRecipients.flatMap { ["--reject", $0] }
        arguments += options.deferredRecipients.flatMap { ["--defer", $0] }
        var environment: [String: String] = ["PYTHONUNBUFFERED": "1"]
        if let credentials = options.credentials {
            // Through the environment, not argv, so `ps` does not show the password.
            environment["SINK_USERNAME"] = credentials.username
            environment["SINK_PASSWORD"] = credentials.password
        }
        if let tls = options.tlsCertificate { arguments += ["--cert", tls.certificatePath, "--key", tls.keyPath] }
        let child = try ChildProcess.spawn(executable: Self.python, arguments: ["-I"] + arguments,
                                           environment: environment, logFile: logFile, newSession: true)
        try String(child.pid).write(toFile: pidFile, atomically: true, encoding: .utf8)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // Probe only once the sink says it is bound: probing a free port could connect to itself.
            if let bound = listeningPort, LoopbackPort.acceptsConnections(bound) { return bound }
            ChildProcess.reap(child.pid)
            guard ChildProcess.isAlive(child.pid) else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        await ChildProcess.stop(child.pid, timeout: 2)
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        throw Failure(description: "SMTP sink did not accept connections on 127.0.0.1:\(listeningPort ?? port): \(log.suffix(2000))")
    }

    /// Stops the sink (SIGTERM, then SIGKILL after 5 s).
    public func stop() async {
        guard let pid = runningPID else { return }
        await ChildProcess.stop(pid, timeout: 5)
        try? FileManager.default.removeItem(atPath: pidFile)
        try? FileManager.default.removeItem(atPath: portFile)
    }

    /// Every stored message, in arrival order.
    public func messages() throws -> [ReceivedMessage] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: messagesDirectory)) ?? []
        return try names.filter { $0.hasSuffix(".json") }
            .compactMap { name -> ReceivedMessage? in
                let data = try Data(contentsOf: URL(fileURLWithPath: "\(messagesDirectory)/\(name)"))
                return try JSONDecoder().decode(ReceivedMessage.self, from: data)
            }
            .sorted { $0.number < $1.number }
    }

    /// Waits until at least `count` messages are stored (the sink writes them before it answers 250,
    /// so after a successful send this returns at once).
    public func waitForMessages(count: Int, timeout: Duration = .seconds(10)) async throws -> [ReceivedMessage] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let stored = try messages()
            if stored.count >= count { return stored }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "expected \(count) messages in \(messagesDirectory), found \(stored.count)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

extension SMTPSink {
    /// The Python program the sink runs: aiosmtpd 1.4's `SMTP` protocol on an asyncio server,
    /// with a handler that stores messages and refuses configured recipients.
    static let script = #"""
import os, stat

# posix_spawn hands us every descriptor of the parent without close-on-exec, SwiftNIO's sockets
# included; holding a test's listener or connection open here would keep its port busy.
for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
    fd = int(name)
    try:
        if fd > 2 and stat.S_ISSOCK(os.fstat(fd).st_mode):
            os.close(fd)
    except OSError:
        pass

import argparse, asyncio, email, email.policy, json, signal, ssl
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--port-file", required=True)
parser.add_argument("--directory", required=True)
parser.add_argument("--size-limit", type=int, default=10485760)
parser.add_argument("--reject", action="append", default=[])
parser.add_argument("--defer", action="append", default=[])
parser.add_argument("--cert")
parser.add_argument("--key")
args = parser.parse_args()


class Sink:
    def __init__(self):
        self.reject = {a.lower() for a in args.reject}
        self.defer = {a.lower() for a in args.defer}
        # Continue numbering after messages kept from an earlier run.
        self.count = len([n for n in os.listdir(args.directory) if n.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        if address.lower() in self.defer:
            return "450 4.2.1 <%s>: mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        number = self.count
        content = envelope.original_content or envelope.content
        message = email.message_from_bytes(content, policy=email.policy.default)

        def body(kind):
            part = message.get_body(preferencelist=(kind,))
            return part.get_content() if part is not None else None

        def header(name):
            value = message[name]
            return str(value) if value is not None else None

        summary = {
            "number": number, "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
            "subject": header("Subject"), "to": header("To"), "cc": header("Cc"),
            "message_id": header("Message-ID"), "text": body("plain"), "html": body("html"),
            "authenticated": bool(session.authenticated), "raw": content.decode("utf-8", "replace"),
        }
        # Written to a temporary name first so a reader never sees half a file.
        for suffix, data in ((".json", json.dumps(summary).encode()), (".eml", content)):
            path = os.path.join(args.directory, "%d%s" % (number, suffix))
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.replace(path + ".tmp", path)
        return "250 2.0.0 Ok: queued as %d" % number


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login.decode() == os.environ.get("SINK_USERNAME")
          and auth_data.password.decode() == os.environ.get("SINK_PASSWORD"))
    # handled=False: aiosmtpd then sends the 535 itself (handled=True would leave the client waiting).
    return AuthResult(success=ok, handled=False)


async def main():
    loop = asyncio.get_running_loop()
    handler = Sink()
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    with_auth = "SINK_USERNAME" in os.environ

    def factory():
        return SMTP(handler, hostname="mercato-sink", data_size_limit=args.size_limit, tls_context=tls,
                    authenticator=authenticator if with_auth else None,
                    auth_require_tls=not with_auth, loop=loop)

    server = await loop.create_server(factory, host="127.0.0.1", port=args.port)
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(args.port_file + ".tmp", args.port_file)
    # Every message is on disk before its 250, so stopping needs no graceful close. The spawning
    # process may block SIGTERM in its threads, and posix_spawn passes that mask on: unblock it.
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, os._exit, 0)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    print("smtp sink listening on 127.0.0.1:%d" % port, flush=True)
    await server.serve_forever()


asyncio.run(main())
"""#
}
