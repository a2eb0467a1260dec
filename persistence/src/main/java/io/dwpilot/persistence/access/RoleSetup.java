package io.dwpilot.persistence.access;

import io.dwpilot.persistence.DatabaseExtensions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL that makes a database ready for dwpilot's roles, run by a superuser in the warehouse database: the roles
 * with no superuser powers, their memberships, the users' roles' session limits ({@link RoleLimits}), the database's
 * grants, the optional extensions, functions that let
 * one session touch another taken from PUBLIC, and every object of dwpilot's schemas handed to the owner role.
 * Every statement is idempotent. dwpilot runs it itself when it logs in as a superuser; otherwise
 * {@code dwpilot roles --print-sql} prints it for a DBA. Grants on the tables themselves are applied by dwpilot at
 * every start ({@link WarehouseGrants}): the owner's members may grant them.
 */
public final class RoleSetup {
    /**
     * Functions every role may call by default that reach beyond the caller's own session: signals to other backends
     * (all of a pool's sessions share one role, so the role's own backends are other users' requests), advisory locks
     * (a lock on the ETL's key stalls every load), notifications, and the views of other sessions' statements.
     * The owner keeps them, and the agents through it (Flyway, running as the owner, takes an advisory lock).
     */
    static final List<String> SESSION_REACHING_FUNCTIONS = List.of(
            "pg_cancel_backend",
            "pg_terminate_backend",
            "pg_notify",
            "pg_advisory_lock",
            "pg_advisory_lock_shared",
            "pg_try_advisory_lock",
            "pg_try_advisory_lock_shared",
            "pg_advisory_xact_lock",
            "pg_advisory_xact_lock_shared",
            "pg_try_advisory_xact_lock",
            "pg_try_advisory_xact_lock_shared",
            "pg_advisory_unlock",
            "pg_advisory_unlock_shared",
            "pg_advisory_unlock_all",
            "pg_stat_get_activity",
            "pg_stat_get_backend_activity");
    /** Extensions the agents use when the server has them; their functions and views are the agents' alone. */
    static final List<String> AGENT_EXTENSIONS = DatabaseExtensions.WANTED;

    private final RoleNames roles;
    private final String database;
    private final Map<String, String> verifiers;
    private final Map<DatabaseRole, RoleLimits> limits;

    /**
     * @param verifiers SCRAM verifiers of the login roles' passwords (never the passwords themselves): new roles are
     *                  created with them
     * @param limits    what one session of each users' role may take from the server
     */
    public RoleSetup(
            RoleNames roles, String database, Map<String, String> verifiers, Map<DatabaseRole, RoleLimits> limits) {
        this.roles = roles;
        this.database = database;
        this.verifiers = Map.copyOf(verifiers);
        this.limits = Map.copyOf(limits);
        for (String login : roles.logins()) {
            if (!verifiers.containsKey(login)) {
                throw new IllegalArgumentException("no password verifier for role " + login);
            }
        }
    }

    /** The statements, in order. */
    public List<String> statements() {
        List<String> sql = new ArrayList<>();
        sql.add(createRole(roles.owner(), "NOLOGIN"));
        for (String login : roles.logins()) {
            sql.add(createRole(login, "LOGIN PASSWORD " + literal(verifiers.get(login))));
        }
        sql.add("ALTER ROLE " + roles.owner() + " NOLOGIN " + NO_POWERS);
        for (String login : roles.logins()) {
            sql.add("ALTER ROLE " + login + " LOGIN " + NO_POWERS);
        }
        // the agents build indexes on the owner's tables and on tables admins created, and read every statistic
        sql.add("GRANT " + roles.owner() + ", " + roles.admin() + ", pg_read_all_stats TO " + roles.agents());
        // defence in depth: an analyst's session starts read-only even before dwpilot says so
        sql.add("ALTER ROLE " + roles.analyst() + " SET default_transaction_read_only = on");
        for (DatabaseRole role : DatabaseRole.values()) {
            sql.addAll(limits.get(role).statements(roles.of(role)));
        }
        String db = identifier(database);
        sql.add("REVOKE TEMPORARY ON DATABASE " + db + " FROM PUBLIC");
        sql.add("GRANT CONNECT ON DATABASE " + db + " TO " + String.join(", ", roles.logins()));
        sql.add("GRANT TEMPORARY ON DATABASE " + db + " TO " + roles.agents() + ", " + roles.admin());
        sql.add("GRANT CREATE ON DATABASE " + db + " TO " + roles.owner());
        // what PostgreSQL 15 made the default; on 14 every role could create objects in public
        sql.add("DO $do$ BEGIN IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'public') THEN"
                + " REVOKE CREATE ON SCHEMA public FROM PUBLIC; END IF; END $do$");
        sql.add(createExtensions());
        sql.add(reserveForAgents());
        sql.add(handToOwner());
        return List.copyOf(sql);
    }

    /**
     * The statements as one script for psql, with a comment saying what it is for. Unlike {@link #statements()} it
     * also sets the passwords of roles that exist already: a DBA runs it to make the roles match the credentials file.
     */
    public String script() {
        List<String> sql = new ArrayList<>(statements());
        for (String login : roles.logins()) {
            sql.add("ALTER ROLE " + login + " PASSWORD " + literal(verifiers.get(login)));
        }
        return "-- dwpilot: roles and grants for database " + database + ". Run as a superuser:\n"
                + "--   psql -v ON_ERROR_STOP=1 -d " + database + " -f this-file.sql\n"
                + sql.stream().map(s -> s + ";").collect(Collectors.joining("\n")) + "\n";
    }

    private static final String NO_POWERS = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";

    private static String createRole(String name, String options) {
        return """
                DO $do$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s %s; END IF;
                END $do$""".formatted(literal(name), name, options);
    }

    private static String createExtensions() {
        return """
                DO $do$ DECLARE e text; BEGIN
                  FOREACH e IN ARRAY %s LOOP
                    IF EXISTS (SELECT FROM pg_available_extensions WHERE name = e) THEN
                      EXECUTE format('CREATE EXTENSION IF NOT EXISTS %%I', e);
                    END IF;
                  END LOOP;
                END $do$""".formatted(array(AGENT_EXTENSIONS));
    }

    /** Takes the session-reaching functions and the agents' extensions' functions and views from PUBLIC for the owner. */
    private String reserveForAgents() {
        return """
                DO $do$ DECLARE f regprocedure; v regclass; BEGIN
                  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                           WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY (%1$s)
                           UNION
                           SELECT d.objid::regprocedure FROM pg_depend d JOIN pg_extension x ON x.oid = d.refobjid
                           WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass
                             AND d.deptype = 'e' AND x.extname = ANY (%2$s) LOOP
                    EXECUTE format('REVOKE EXECUTE ON FUNCTION %%s FROM PUBLIC', f);
                    EXECUTE format('GRANT EXECUTE ON FUNCTION %%s TO %%I', f, %3$s);
                  END LOOP;
                  FOR v IN SELECT 'pg_catalog.pg_stat_activity'::regclass
                           UNION
                           SELECT d.objid::regclass FROM pg_depend d JOIN pg_extension x ON x.oid = d.refobjid
                           WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
                             AND d.deptype = 'e' AND x.extname = ANY (%2$s) LOOP
                    EXECUTE format('REVOKE ALL ON %%s FROM PUBLIC', v);
                    EXECUTE format('GRANT SELECT ON %%s TO %%I', v, %3$s);
                  END LOOP;
                END $do$""".formatted(array(SESSION_REACHING_FUNCTIONS), array(AGENT_EXTENSIONS), literal(roles.owner()));
    }

    /**
     * Gives the owner role every schema of dwpilot's and what is in them, wherever another role (a superuser, from
     * before dwpilot kept roles) owns them. Indexes, and sequences owned by a column, follow their table.
     */
    private String handToOwner() {
        return """
                DO $do$ DECLARE s text; o record; BEGIN
                  FOREACH s IN ARRAY %1$s LOOP
                    CONTINUE WHEN NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = s);
                    EXECUTE format('ALTER SCHEMA %%I OWNER TO %%I', s, %2$s);
                    FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                             WHERE c.relnamespace = s::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                               AND c.relowner <> %2$s::regrole
                             ORDER BY c.relkind = 'S' LOOP
                      CONTINUE WHEN o.relkind = 'S' AND (SELECT relowner FROM pg_class WHERE oid = o.name) = %2$s::regrole;
                      EXECUTE format('ALTER %%s %%s OWNER TO %%I', CASE o.relkind WHEN 'v' THEN 'VIEW'
                          WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE'
                          ELSE 'TABLE' END, o.name, %2$s);
                    END LOOP;
                    FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                             WHERE p.pronamespace = s::regnamespace AND p.proowner <> %2$s::regrole LOOP
                      EXECUTE format('ALTER ROUTINE %%s OWNER TO %%I', o.name, %2$s);
                    END LOOP;
                    FOR o IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
                             WHERE t.typnamespace = s::regnamespace AND t.typtype IN ('d', 'e', 'r')
                               AND t.typowner <> %2$s::regrole LOOP
                      EXECUTE format('ALTER %%s %%s OWNER TO %%I', CASE o.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                          o.name, %2$s);
                    END LOOP;
                  END LOOP;
                END $do$""".formatted(array(WarehouseSchemas.ALL), literal(roles.owner()));
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String array(List<String> values) {
        return "ARRAY[" + values.stream().map(RoleSetup::literal).collect(Collectors.joining(", ")) + "]";
    }
}
