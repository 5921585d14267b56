import Foundation

/// A unique name per test, so tests can run in parallel against one broker.
func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }
