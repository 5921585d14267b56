/// Durations as the fractional seconds the CLI prints and divides by.
extension Duration {
    /// This duration in seconds.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
