import Foundation

/// Wall time, a broker's CPU and this process's CPU from its creation to `finish`.
struct BenchMeter {
    let brokerPID: pid_t?
    private let startCPU: Double?
    private let startOwnCPU = ProcessCPU.seconds(pid: getpid())
    private let start = ContinuousClock.now

    /// Starts measuring now.
    init(brokerPID: pid_t?) {
        self.brokerPID = brokerPID
        startCPU = brokerPID.flatMap { ProcessCPU.seconds(pid: $0) }
    }

    /// Seconds since the start.
    var elapsed: Double {
        (ContinuousClock.now - start).inSeconds
    }

    /// `messages` over the elapsed time, with the broker's CPU seconds since the start (nil without a broker pid).
    func finish(messages: Int) -> BenchMeasurement {
        let seconds = elapsed
        let cpu = brokerPID.flatMap { ProcessCPU.seconds(pid: $0) }.flatMap { now in startCPU.map { now - $0 } }
        let own = ProcessCPU.seconds(pid: getpid()).flatMap { now in startOwnCPU.map { now - $0 } }
        return BenchMeasurement(messages: messages, seconds: seconds, brokerCPUSeconds: cpu, clientCPUSeconds: own)
    }
}

/// What one client did in one phase: messages, wall seconds, and the broker's and the client's CPU seconds meanwhile.
struct BenchMeasurement: Decodable, Sendable {
    var messages: Int
    var seconds: Double
    var brokerCPUSeconds: Double?
    var clientCPUSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case messages, seconds, brokerCPUSeconds = "broker_cpu_seconds", clientCPUSeconds = "client_cpu_seconds"
    }
}
