import Histogram

/// The steps a virtual customer times.
enum LoadStep: String, CaseIterable, Sendable {
    case browse, search, product, place
    /// Placement until the order is CONFIRMED.
    case toConfirmed = "placed→confirmed"
    /// Placement until the order is CANCELLED.
    case toCancelled = "placed→cancelled"
}

/// Latency histograms (HdrHistogram, microseconds, 3 significant digits) and counts for a load run.
actor LoadRecorder {
    private var histograms: [LoadStep: Histogram<UInt64>] = [:]
    private var errors: [LoadStep: Int] = [:]
    private(set) var errorSamples: [String] = []
    /// Orders that ended as expected, per outcome.
    private(set) var expected: [OrderOutcome: Int] = [:]
    /// Orders that ended otherwise (or never ended): one line each.
    private(set) var unexpected: [String] = []

    /// Records a successful step taking `microseconds`.
    func record(_ step: LoadStep, microseconds: UInt64) {
        var histogram = histograms[step] ?? Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)
        histogram.record(max(1, min(microseconds, 600_000_000)))
        histograms[step] = histogram
    }

    /// Records a failed step with what went wrong (the first 20 kept as samples).
    func fail(_ step: LoadStep, _ what: String) {
        errors[step, default: 0] += 1
        if errorSamples.count < 20 { errorSamples.append("\(step.rawValue): \(what)") }
    }

    /// Records how an order ended.
    func settled(_ outcome: OrderOutcome, status: String?, orderID: String) {
        if status == outcome.expectedStatus {
            expected[outcome, default: 0] += 1
        } else {
            unexpected.append("order \(orderID) (\(outcome.rawValue)) ended \(status ?? "unsettled"), expected \(outcome.expectedStatus)")
        }
    }

    /// Count, errors and p50/p95/p99/max (milliseconds) of each step.
    func summary() -> [StepSummary] {
        LoadStep.allCases.map { step in
            let histogram = histograms[step]
            func ms(_ percentile: Double) -> Double { Double(histogram?.valueAtPercentile(percentile) ?? 0) / 1000 }
            return StepSummary(step: step, count: Int(histogram?.totalCount ?? 0), errors: errors[step] ?? 0,
                               p50: ms(50), p95: ms(95), p99: ms(99), max: Double(histogram?.max ?? 0) / 1000)
        }
    }

    /// All errors.
    var errorCount: Int { errors.values.reduce(0, +) }
}

/// One step's figures.
struct StepSummary: Sendable, Codable {
    var step: LoadStep
    var count: Int
    var errors: Int
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double
}

extension LoadStep: Codable {}
extension OrderOutcome: Codable {}
