package io.dwpilot.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: the configuration file and where the database is. */
final class CommonOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "${env:DWPILOT_CONFIG}",
            description =
                    "Configuration file (HOCON), e.g. the repository's application.conf. Default: $DWPILOT_CONFIG.")
    File configFile;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description =
                    "Use this PostgreSQL (>= 14) instead of the embedded one, e.g. jdbc:postgresql://localhost:5432/dw."
                            + " Default: dwpilot.database.url or $DWPILOT_DB_URL.")
    String databaseUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (password: $DWPILOT_DB_PASSWORD).")
    String databaseUser;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL. Default: ~/.dwpilot/pgdata or $DWPILOT_DATA_DIR.")
    Path dataDirectory;

    /** The configuration: the file (when given) over the modules' defaults, then the command-line overrides. */
    Config config() {
        Config config = ConfigFactory.load();
        if (configFile != null) {
            if (!configFile.isFile()) {
                throw new IllegalArgumentException("Configuration file not found: " + configFile);
            }
            Config file = ConfigFactory.parseFile(
                    configFile, ConfigParseOptions.defaults().setAllowMissing(false));
            config = ConfigFactory.load(file);
        }
        if (databaseUrl != null) {
            config = config.withValue("dwpilot.database.url", ConfigValueFactory.fromAnyRef(databaseUrl));
        }
        if (databaseUser != null) {
            config = config.withValue("dwpilot.database.user", ConfigValueFactory.fromAnyRef(databaseUser));
        }
        if (dataDirectory != null) {
            config = config.withValue(
                    "dwpilot.database.embedded.data-directory",
                    ConfigValueFactory.fromAnyRef(dataDirectory.toAbsolutePath().toString()));
        }
        return config;
    }
}
