import ArgumentParser
import AsyncHTTPClient
import Foundation

/// `mercato load`: a closed-loop shopping workload against the running stack, then `mercato check`.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Run shoppers (browse, search, view, order, follow to the end) against the stack, report latencies, then check invariants.")

    @OptionGroup var options: StackOptions

    @Option(help: "Shoppers running at once.")
    var concurrency = 8

    @Option(help: "Customer accounts to use (default: one per shopper).")
    var customers: Int?

    @Option(help: "How long to run: 60s, 2m, 1h, 1500ms (customers' access tokens are renewed as they near expiry).")
    var duration: String?

    @Option(help: "Stop after placing this many orders (instead of, or as well as, --duration).")
    var count: Int?

    @Option(help: "Outcome weights: good (tok_visa), declined (tok_declined), oos (a sold-out line).")
    var mix = "good=80,declined=10,oos=10"

    @Option(help: "Seconds to wait for each order to reach CONFIRMED or CANCELLED.")
    var settleTimeout: Double = 60

    @Flag(help: "Skip the final mercato check.")
    var noCheck = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard concurrency >= 1, concurrency <= 512 else { throw ValidationError("--concurrency must be 1…512") }
        if let duration {
            guard DurationText.parse(duration) != nil else { throw ValidationError("--duration must be like 60s, 2m or 1h") }
        }
        guard duration != nil || count != nil else { throw ValidationError("give --duration or --count") }
        _ = try OrderMix(parsing: mix)
    }

    func run() async throws {
        let config = try await options.stackConfig()
        let http = LoadRun.makeHTTPClient(concurrency: concurrency)
        do {
            let world = try await LoadSetup(config: config, http: http).prepare(customers: customers ?? concurrency)
            if !json { print("load: \(concurrency) shoppers, \(world.products.count) stocked products, mix \(mix)") }
            let run = LoadRun(config: config, concurrency: concurrency, duration: duration.flatMap(DurationText.parse), orderCount: count,
                              mix: try OrderMix(parsing: mix), settleTimeout: .milliseconds(Int64(settleTimeout * 1000)))
            let result = await run.run(world: world, http: http)
            try await http.shutdown()
            if !json { LoadReport.print(result) }
            let verdicts = noCheck ? [] : try await CheckCommand.verify(config: config, settle: 30, outboxBound: 30)
            if json {
                try LoadReport.printJSON(result, verdicts: verdicts)
            } else if !noCheck {
                CheckCommand.printReport(verdicts)
            }
            if !result.unexpected.isEmpty || verdicts.contains(where: { !$0.passed }) { throw ExitCode(1) }
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
