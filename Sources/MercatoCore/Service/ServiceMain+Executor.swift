import NIOCore
import NIOPosix

extension ServiceMain {
    /// Makes the shared event loops (MultiThreadedEventLoopGroup.singleton, which serve HTTP, PostgreSQL and AMQP) Swift
    /// concurrency's global executor, so a request's handler, its database query and its response run on the same few
    /// threads instead of hopping to and from a separate task pool on every await. Blocking work (bcrypt) goes to
    /// NIOThreadPool, never onto these threads. Must be the first statement of an executable's main, on the main thread,
    /// before any task starts; returns whether it took effect (false on platforms NIO does not support it on).
    @discardableResult
    public static func adoptEventLoopsAsGlobalExecutor() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
