/// Durations as the CLI takes them: `90`, `90s`, `1500ms`, `2m`, `1h` (pure).
enum DurationText {
    /// The duration `text` names, or nil.
    static func parse(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value > 0 else { return nil }
            return .milliseconds(Int64(value * scale * 1000))
        }
        return Double(text).flatMap { $0 > 0 ? .milliseconds(Int64($0 * 1000)) : nil }
    }
}
