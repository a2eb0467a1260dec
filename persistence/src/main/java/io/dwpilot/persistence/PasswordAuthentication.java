package io.dwpilot.persistence;

import io.dwpilot.persistence.access.Credentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password (SCRAM) authentication for the embedded server, with no {@code trust} line: zonky runs initdb with
 * {@code -A trust} and no password, so dwpilot adds initdb's own {@code --auth} and {@code --pwfile} options, and
 * writes its own pg_hba.conf before every start.
 */
final class PasswordAuthentication {
    private static final Logger log = LoggerFactory.getLogger(PasswordAuthentication.class);
    private static final String HBA = """
            # Written by dwpilot at every start: every login needs its password (SCRAM), even on this machine.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private PasswordAuthentication() {}

    /** A file only its owner reads, holding the password for initdb; the caller deletes it after the start. */
    static Path passwordFile(String password) throws IOException {
        Path file = Files.createTempFile(
                "dwpilot-initdb",
                ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * zonky passes its "locale" settings to initdb as {@code --key=value} and to nothing else; initdb reads its
     * options in order, so these come after zonky's {@code -A trust} and win.
     */
    static void initdbWithPassword(EmbeddedPostgres.Builder builder, Path passwordFile) {
        builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
    }

    static void writeHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }

    /**
     * A data directory from before dwpilot kept passwords trusts local logins: give the superuser a password (sent
     * as a SCRAM verifier, never in clear), keep it, then make the server ask for it.
     */
    static String requirePassword(EmbeddedPostgres postgres, Credentials credentials) {
        String password = Credentials.newPassword();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + EmbeddedServer.SUPERUSER + " PASSWORD '"
                    + PasswordUtil.encodeScramSha256(password.toCharArray()) + "'");
            credentials.keep(EmbeddedServer.SUPERUSER, password);
            writeHba(Path.of(currentDataDirectory(s)));
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(
                    "The embedded PostgreSQL's superuser has no password that dwpilot"
                            + " knows (none in " + credentials.file() + ") and the server refused a login without one: "
                            + e.getMessage(),
                    e);
        }
        log.info(
                "The embedded PostgreSQL now asks every login for its password; the superuser's is kept in {}",
                credentials.file());
        return password;
    }

    private static String currentDataDirectory(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
