import Foundation
import LocalCluster

/// One run of a Python peer (`scripts/bench/amqp_peers.py`, pika or aio-pika) with the tools venv's python.
struct AMQPPeerRun: Sendable {
    var python: String
    var script: String
    var mode: String
    var url: String
    var queue: String
    var messages: Int
    var seconds: Double
    var size: Int
    var extra: [String] = []

    func run(brokerPID: pid_t?) throws -> BenchMeasurement {
        var arguments = [script, mode, "--url", url, "--queue", queue, "--messages", String(messages),
                         "--seconds", String(seconds), "--size", String(size)] + extra
        if let brokerPID { arguments += ["--broker-pid", String(brokerPID)] }
        let text = try CommandRunner().run(python, arguments).text
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let measurement = try? JSONDecoder().decode(BenchMeasurement.self, from: Data(line.utf8)) else {
            throw PeerFailure(description: "\(mode) printed no result: \(text)")
        }
        return measurement
    }

    struct PeerFailure: Error, CustomStringConvertible {
        var description: String
    }
}
