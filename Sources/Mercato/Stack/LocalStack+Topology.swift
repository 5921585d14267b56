import AMQP
import Contracts
import Messaging

extension LocalStack {
    /// Declares every consuming service's queues and bindings (`EventBindings`, default retry delays) before any
    /// service starts, so the first event a producer publishes already has its queue: at a fresh start identity's
    /// `user-registered` for the admin went out before notifications had declared its queue. Declaring is idempotent;
    /// each consumer declares the same again when it starts.
    func declareEventTopology() async throws {
        var amqp = try AMQPConfiguration(url: try rabbitMQ().amqpURL)
        amqp.recovery = nil
        amqp.connectionName = "mercato up (topology)"
        let connection = try await AMQPConnection.connect(configuration: amqp)
        do {
            let channel = try await connection.openChannel()
            let delays = MessagingConfig(amqp: amqp).retryDelays
            for (service, routingKeys) in EventBindings.byService.sorted(by: { $0.key < $1.key }) {
                try await EventTopology(service: service, retryDelays: delays).declare(on: channel, routingKeys: routingKeys)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }
}
