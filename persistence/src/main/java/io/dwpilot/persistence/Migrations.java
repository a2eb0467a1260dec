package io.dwpilot.persistence;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the warehouse schemas to the newest version (Flyway, scripts under {@code db/migration}). */
public final class Migrations {
    private final Flyway flyway;

    /** For reading the schema's version. */
    public Migrations(DataSource dataSource) {
        this(dataSource, Optional.empty());
    }

    /**
     * @param ownerRole the role the migrations run as ({@code SET ROLE} on each of Flyway's connections), so that it
     *                  owns what they create; give a data source whose connections are not pooled for others
     */
    Migrations(DataSource dataSource, Optional<String> ownerRole) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .initSql(ownerRole.map(role -> "SET ROLE " + role).orElse(null))
                .locations("classpath:db/migration")
                .defaultSchema("metadata")
                .schemas("metadata")
                .validateMigrationNaming(true)
                .load();
    }

    /** Applies pending migrations; returns how many ran (0 when the schema is current). See {@link Database#migrate}. */
    int migrate() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** The version of the newest applied migration, or "none". */
    public String currentVersion() {
        var current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
