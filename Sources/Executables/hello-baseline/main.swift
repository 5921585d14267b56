import Hummingbird

// A bare Hummingbird server: the baseline `mercato bench` compares every service's memory and throughput with.
let port = CommandLine.arguments.firstIndex(of: "--port").flatMap { Int(CommandLine.arguments[$0 + 1]) } ?? 8099
let router = Router()
router.get("/") { _, _ in "Hello" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
