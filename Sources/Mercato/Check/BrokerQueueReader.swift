import AsyncHTTPClient
import Foundation
import Invariants
import LocalCluster
import NIOCore

/// Reads consumer queues' figures from RabbitMQ's management API (`GET /api/queues/%2F/<queue>`, basic auth as the
/// stack's broker user) for `mercato check`'s `consumers-moving`.
struct BrokerQueueReader: Sendable {
    let rabbitMQ: RabbitMQServer
    /// How long one request may take.
    let deadline: Duration

    /// Two readings of each service's queue `<service>.events`, `interval` apart (all queues at once), by service; a
    /// queue that could not be read either time is unknown.
    func motions(of services: [String], interval: Duration) async -> [String: AuditReading<QueueMotion>] {
        let queues = services.map { "\($0).events" }
        let clock = ContinuousClock()
        let started = clock.now
        let first = await samples(queues)
        try? await clock.sleep(until: started + interval)
        let second = await samples(queues)
        let seconds = (clock.now - started).inSeconds
        var motions: [String: AuditReading<QueueMotion>] = [:]
        for (service, queue) in zip(services, queues) {
            switch (first[queue], second[queue]) {
            case (.success(let before)?, .success(let after)?): motions[service] = .read(QueueMotion(first: before, second: after, seconds: seconds))
            case (.failure(let error)?, _), (_, .failure(let error)?): motions[service] = .unknown("rabbitmq queue \(queue): \(CheckError.describe(error))")
            default: motions[service] = .unknown("rabbitmq queue \(queue): not read")
            }
        }
        return motions
    }

    /// One reading of every queue, at once.
    func samples(_ queues: [String]) async -> [String: Result<QueueSample, any Error>] {
        await withTaskGroup(of: (String, Result<QueueSample, any Error>).self) { group in
            for queue in queues {
                group.addTask {
                    do {
                        return (queue, .success(try await sample(queue)))
                    } catch {
                        return (queue, .failure(error))
                    }
                }
            }
            var results: [String: Result<QueueSample, any Error>] = [:]
            for await (queue, result) in group { results[queue] = result }
            return results
        }
    }

    /// `queue`'s figures now, within `deadline`.
    func sample(_ queue: String) async throws -> QueueSample {
        let name = queue.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? queue
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(rabbitMQ.ports.management)/api/queues/%2F/\(name)")
        let credentials = Data("\(rabbitMQ.user):\(rabbitMQ.password)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        let body = try await CheckError.within(deadline) { [request] in
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else {
                throw CheckError("management API answered \(response.status.code): \(String(buffer: body).prefix(200))")
            }
            return Data(body.readableBytesView)
        }
        return try JSONDecoder().decode(QueueSample.self, from: body)
    }
}
