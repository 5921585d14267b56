import AsyncHTTPClient
import Foundation
import NIOCore

/// A closed-loop load run: `concurrency` virtual customers until `duration` has passed or `orderCount` orders are placed.
struct LoadRun: Sendable {
    let config: StackConfig
    let concurrency: Int
    let duration: Duration?
    let orderCount: Int?
    let mix: OrderMix
    let settleTimeout: Duration

    /// What a run measured.
    struct Result: Sendable, Codable {
        var concurrency: Int
        var seconds: Double
        var ordersPlaced: Int
        var confirmed: Int
        var cancelledAsExpected: Int
        var unexpected: [String]
        var errors: Int
        var errorSamples: [String]
        var steps: [StepSummary]

        /// Orders per second that reached CONFIRMED.
        var confirmedPerSecond: Double { seconds > 0 ? Double(confirmed) / seconds : 0 }
    }

    func run(world: LoadWorld, http: HTTPClient) async -> Result {
        let recorder = LoadRecorder()
        let budget = OrderBudget(limit: orderCount)
        let clock = ContinuousClock()
        let started = clock.now
        let end = duration.map { started + $0 }
        let placed = await withTaskGroup(of: Int.self) { group in
            for index in 0..<concurrency {
                let session = world.customers[index % world.customers.count]
                let customer = VirtualCustomer(
                    catalog: APIClient(baseURL: config.url(of: "catalog"), session: session, http: http),
                    orders: APIClient(baseURL: config.url(of: "orders"), session: session, http: http),
                    world: world, mix: mix, recorder: recorder, settleTimeout: settleTimeout)
                group.addTask {
                    await customer.run {
                        if let end, clock.now >= end { return false }
                        return await budget.take()
                    }
                }
            }
            return await group.reduce(0, +)
        }
        let seconds = (clock.now - started).inSeconds
        let expected = await recorder.expected
        return Result(concurrency: concurrency, seconds: seconds, ordersPlaced: placed, confirmed: expected[.good] ?? 0,
                      cancelledAsExpected: (expected[.declined] ?? 0) + (expected[.outOfStock] ?? 0),
                      unexpected: await recorder.unexpected, errors: await recorder.errorCount,
                      errorSamples: await recorder.errorSamples, steps: await recorder.summary())
    }

    /// An HTTP client whose pool fits `concurrency` customers.
    static func makeHTTPClient(concurrency: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, concurrency * 2)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}

/// How many more sessions may start when the run is bounded by an order count.
actor OrderBudget {
    private var remaining: Int?

    init(limit: Int?) { remaining = limit }

    /// True (and one fewer left) when another session may start.
    func take() -> Bool {
        guard let left = remaining else { return true }
        guard left > 0 else { return false }
        remaining = left - 1
        return true
    }
}
