package io.dwpilot.persistence.access;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the roles ready over the configured login: a superuser runs {@link RoleSetup} (idempotent, every start);
 * any other login only checks that a DBA did. Either way the logins' passwords are tried, a superuser sets the
 * stored one where it does not work, and no user login may hold a power its users must not have — dwpilot refuses
 * to start rather than run users' statements on such a role. The users' roles' session limits ({@link RoleLimits}) are
 * set by a superuser; another login only warns where they differ, since the roles still keep users apart without them.
 */
public final class RoleBootstrap {
    private static final Logger log = LoggerFactory.getLogger(RoleBootstrap.class);
    /** Roles whose members reach the server's files, programs or other sessions, or read or write every table. */
    static final List<String> FORBIDDEN_MEMBERSHIPS = List.of(
            "pg_read_server_files",
            "pg_write_server_files",
            "pg_execute_server_program",
            "pg_signal_backend",
            "pg_read_all_data",
            "pg_write_all_data",
            "pg_checkpoint",
            "pg_monitor",
            "pg_read_all_settings",
            "pg_read_all_stats",
            "pg_stat_scan_tables");

    private static final String INVALID_PASSWORD = "28P01";
    private static final String AUTHORIZATION_FAILED = "28000";
    /** Two sessions changing the same role at once (parallel starts): the loser retries. */
    private static final List<String> CONCURRENT_CHANGE = List.of("XX000", "23505", "42710", "40001");

    private static final int ATTEMPTS = 3;

    private final String url;
    private final RoleNames roles;
    private final Map<DatabaseRole, RoleLimits> limits;
    private final Credentials credentials;

    public RoleBootstrap(String url, AccessSettings access, Credentials credentials) {
        this.url = url;
        this.roles = access.roles();
        this.limits = access.limits();
        this.credentials = credentials;
    }

    /** Prepares the roles over {@code bootstrap} (the configured login) and returns the logins to use. */
    public Logins prepare(Connection bootstrap) throws SQLException {
        boolean superuser = isSuperuser(bootstrap);
        if (superuser) {
            runSetup(bootstrap);
        } else {
            requireRolesExist(bootstrap);
        }
        Map<String, Login> logins = new LinkedHashMap<>();
        for (String role : roles.logins()) {
            logins.put(role, checkedLogin(bootstrap, role, superuser));
        }
        requireNoForbiddenPowers(bootstrap);
        if (!superuser) {
            warnAboutLimits(bootstrap);
        }
        Map<DatabaseRole, Login> users = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            users.put(role, logins.get(roles.of(role)));
        }
        return new Logins(logins.get(roles.agents()), users, Optional.of(roles.owner()));
    }

    /** The setup script with the stored passwords' verifiers, for a DBA to run (passwords generated if new). */
    public String script(String database) {
        return setup(database).script();
    }

    private RoleSetup setup(String database) {
        Map<String, String> verifiers = new LinkedHashMap<>();
        for (String role : roles.logins()) {
            verifiers.put(
                    role,
                    PasswordUtil.encodeScramSha256(credentials.passwordOf(role).toCharArray()));
        }
        return new RoleSetup(roles, database, verifiers, limits);
    }

    private void runSetup(Connection c) throws SQLException {
        RoleSetup setup = setup(currentDatabase(c));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String sql : setup.statements()) {
                executeRetrying(s, sql);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void executeRetrying(Statement s, String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !CONCURRENT_CHANGE.contains(e.getSQLState())) {
                    throw e;
                }
                log.debug("Role setup met a concurrent change, retrying: {}", e.getMessage());
            }
        }
    }

    private void requireRolesExist(Connection c) throws SQLException {
        List<String> wanted = new ArrayList<>(roles.logins());
        wanted.add(roles.owner());
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            for (String role : wanted) {
                ps.setString(1, role);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        missing.add(role);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new AccessSetupException("The PostgreSQL roles " + missing + " that dwpilot runs statements under"
                    + " do not exist, and the configured login '"
                    + c.getMetaData().getUserName() + "' is not a"
                    + " superuser, so dwpilot cannot create them. Have a superuser run the output of"
                    + " `dwpilot roles --print-sql` in database " + currentDatabase(c) + " (it keeps the new roles'"
                    + " passwords in " + credentials.file() + "), then start again.");
        }
    }

    /** The role's login with its stored password, which a superuser sets again when it does not work. */
    private Login checkedLogin(Connection bootstrap, String role, boolean superuser) throws SQLException {
        Login login = new Login(role, credentials.passwordOf(role));
        Optional<SQLException> refused = tryLogin(login);
        if (refused.isEmpty()) {
            return login;
        }
        if (superuser && isAuthenticationFailure(refused.get())) {
            try (Statement s = bootstrap.createStatement()) {
                s.execute("ALTER ROLE " + role + " PASSWORD "
                        + RoleSetup.literal(
                                PasswordUtil.encodeScramSha256(login.password().toCharArray())));
            }
            refused = tryLogin(login);
            if (refused.isEmpty()) {
                log.info("Role {} has the password kept in {} again", role, credentials.file());
                return login;
            }
        }
        throw new AccessSetupException(
                "dwpilot cannot log in as role " + role + ": " + refused.get().getMessage()
                        + (superuser
                                ? ""
                                : ". Its password is kept in " + credentials.file() + "; have a superuser run the"
                                        + " output of `dwpilot roles --print-sql` again, or allow the role to log in from this host"
                                        + " in pg_hba.conf"),
                refused.get());
    }

    private Optional<SQLException> tryLogin(Login login) {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        try (Connection c = DriverManager.getConnection(url, properties)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }

    private static boolean isAuthenticationFailure(SQLException e) {
        return INVALID_PASSWORD.equals(e.getSQLState()) || AUTHORIZATION_FAILED.equals(e.getSQLState());
    }

    /**
     * No login may be a superuser or create roles or databases; the users' logins may hold none of the
     * {@link #FORBIDDEN_MEMBERSHIPS} nor be members of the owner or the agents.
     */
    private void requireNoForbiddenPowers(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        String sql = """
                SELECT r.rolname, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
                       ARRAY(SELECT m.rolname FROM pg_roles m
                             WHERE m.rolname = ANY (?) AND m.oid <> r.oid AND pg_has_role(r.oid, m.oid, 'MEMBER')
                             ORDER BY m.rolname)
                FROM pg_roles r WHERE r.rolname = ANY (?)""";
        List<String> forbidden = new ArrayList<>(FORBIDDEN_MEMBERSHIPS);
        forbidden.add(roles.owner());
        forbidden.add(roles.agents());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", forbidden.toArray()));
            ps.setArray(2, c.createArrayOf("text", roles.logins().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString(1);
                    String[] powers = {"SUPERUSER", "CREATEROLE", "CREATEDB", "REPLICATION", "BYPASSRLS"};
                    for (int i = 0; i < powers.length; i++) {
                        if (rs.getBoolean(i + 2)) {
                            problems.add(role + " has " + powers[i]);
                        }
                    }
                    if (!role.equals(roles.agents())) {
                        for (String member : (String[]) rs.getArray(7).getArray()) {
                            problems.add(role + " is a member of " + member);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AccessSetupException("dwpilot will not run statements under roles with more power than their"
                    + " users may have: " + String.join("; ", problems) + ". Remove these (ALTER ROLE ... NO<power>,"
                    + " REVOKE <role> FROM ...) and start again.");
        }
    }

    /** Logs a warning for each session limit of a users' role that is not what dwpilot would set. */
    private void warnAboutLimits(Connection c) throws SQLException {
        List<String> differences = limitDifferences(c);
        if (!differences.isEmpty()) {
            log.warn(
                    "The users' roles do not have the session limits of dwpilot.security.limits: {}. Statements run"
                            + " without them; have a superuser run the output of `dwpilot roles --print-sql` again.",
                    String.join("; ", differences));
        }
    }

    private List<String> limitDifferences(Connection c) throws SQLException {
        List<String> differences = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT coalesce(rolconfig, '{}') FROM pg_roles WHERE rolname = ?")) {
            for (DatabaseRole role : DatabaseRole.values()) {
                ps.setString(1, roles.of(role));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        List<String> rolconfig =
                                List.of((String[]) rs.getArray(1).getArray());
                        differences.addAll(limits.get(role).differences(roles.of(role), rolconfig));
                    }
                }
            }
        }
        return differences;
    }

    private static boolean isSuperuser(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static String currentDatabase(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
