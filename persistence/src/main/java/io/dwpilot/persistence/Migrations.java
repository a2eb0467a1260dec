package io.dwpilot.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the warehouse schemas to the newest version (Flyway, scripts under {@code db/migration}). */
public final class Migrations {
    private final Flyway flyway;

    /** Migrations run by {@link Database#migrate}, as the role that owns the schemas; anyone may read the version. */
    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
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
