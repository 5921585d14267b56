extension Database {
    /// Returns once `table` exists: background workers start alongside the migrations that create their tables.
    public func waitForTable(_ table: String) async throws {
        while true {
            let exists = try? await query("SELECT to_regclass(\(table)) IS NOT NULL").first?.decode(Bool.self)
            if exists == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
