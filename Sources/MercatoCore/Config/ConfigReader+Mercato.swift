import Configuration
import Foundation
import SystemPackage

extension ConfigReader {
    /// Builds Mercato's one configuration reader: command line > environment (`MERCATO_*`) > YAML file > defaults.
    ///
    /// Keys are dotted (`http.port`); on the command line they are `--http-port 8081`, in the
    /// environment `MERCATO_HTTP_PORT=8081`, in YAML nested maps. The YAML file is named by
    /// `--config FILE` or `MERCATO_CONFIG_FILE`; it is optional.
    /// Keys naming a password, secret, token or encryption key are secret: redacted wherever config is printed.
    /// `overrides` (e.g. options a command parsed itself) take precedence over everything.
    public static func mercato(
        arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        overrides: [AbsoluteConfigKey: ConfigValue] = [:]
    ) async throws -> ConfigReader {
        let secrets = SecretsSpecifier<String, String>.dynamic { key, _ in MercatoSecrets.isSecret(key) }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "overrides", values: overrides),
            CommandLineArgumentsProvider(arguments: arguments, secretsSpecifier: secrets),
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: secrets)
                .prefixKeys(with: "mercato"),
        ]
        if let path = configFilePath(arguments: arguments, environment: environment) {
            let file = try await FileProvider<YAMLSnapshot>(filePath: FilePath(path), allowMissing: false)
            providers.append(file)
        }
        return ConfigReader(providers: providers)
    }

    /// The YAML file named by `--config FILE` (or `--config=FILE`) or `MERCATO_CONFIG_FILE`, if any.
    static func configFilePath(arguments: [String], environment: [String: String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--config", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--config=") { return String(argument.dropFirst("--config=".count)) }
        }
        return environment["MERCATO_CONFIG_FILE"]
    }
}

/// Decides which configuration keys hold secrets, so they are never printed or logged.
public enum MercatoSecrets {
    /// True for keys and variable names that name a password, secret, token or encryption key, or a broker URL
    /// (`amqp.url` carries credentials).
    public static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "secret", "token", "key_encryption", "keyencryption", "encryptionkey", "encryption_key", "amqp.url", "amqp_url"]
            .contains { lowered.contains($0) }
    }
}
