package io.dwpilot.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Statements an attacker sends to the front door: what reaches the server's files and programs, other sessions,
 * the server's configuration, data and schemas a role may not touch, and session state that could outlive a
 * request — each dressed in lexical tricks (comments, quoting, second statements hidden behind strings that other
 * lexers read differently, EXPLAIN ANALYZE and subqueries around them). Placeholders: {marker} a file that must
 * never appear, {secret} a file whose content must never be returned, {victim} another session's process id,
 * {canary} a table only admins may write.
 */
final class AdversarialCorpus {
    /** One attack: a statement, and whether it is a plain query a trick may wrap in a subquery or EXPLAIN. */
    record Attack(String name, String sql, boolean query) {}

    /** One statement of the corpus. */
    record Entry(String attack, String trick, String sql) {}

    private record Trick(String name, boolean queriesOnly, UnaryOperator<String> dress) {}

    static final List<Attack> ATTACKS = List.of(
            // the server's programs and files
            new Attack("copy to program", "COPY (SELECT 1) TO PROGRAM 'touch {marker}'", false),
            new Attack("copy table to program", "COPY {canary} TO PROGRAM 'cat > {marker}'", false),
            new Attack("copy to file", "COPY (SELECT 'x') TO '{marker}'", false),
            new Attack("copy from file", "COPY {canary} (note) FROM '{secret}'", false),
            new Attack("copy from program", "COPY {canary} (note) FROM PROGRAM 'cat {secret}'", false),
            new Attack("read file", "SELECT pg_read_file('{secret}')", true),
            new Attack("read file part", "SELECT pg_read_file('{secret}', 0, 64, true)", true),
            new Attack("read binary file", "SELECT pg_read_binary_file('{secret}')", true),
            new Attack("read config", "SELECT pg_read_file('postgresql.conf')", true),
            new Attack("read auto config", "SELECT pg_read_file('postgresql.auto.conf')", true),
            new Attack("list directory", "SELECT pg_ls_dir('.')", true),
            new Attack("list tmp", "SELECT * FROM pg_ls_tmpdir()", true),
            new Attack("stat file", "SELECT pg_stat_file('{secret}')", true),
            new Attack("large object import", "SELECT lo_import('{secret}')", true),
            new Attack("large object export", "SELECT lo_export(lo_create(0), '{marker}')", true),
            new Attack("data directory", "SELECT current_setting('data_directory')", true),
            new Attack("hba rules", "SELECT * FROM pg_hba_file_rules", true),
            new Attack("file settings", "SELECT * FROM pg_file_settings", true),
            // other sessions and the server
            new Attack("terminate backend", "SELECT pg_terminate_backend({victim})", true),
            new Attack("cancel backend", "SELECT pg_cancel_backend({victim})", true),
            new Attack(
                    "terminate all",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
                    true),
            new Attack("other sessions' statements", "SELECT query FROM pg_stat_activity", true),
            new Attack("statements' statistics", "SELECT query FROM pg_stat_statements", true),
            new Attack("reset statistics", "SELECT pg_stat_statements_reset()", true),
            new Attack("reload configuration", "SELECT pg_reload_conf()", true),
            new Attack("switch wal", "SELECT pg_switch_wal()", true),
            new Attack("rotate log", "SELECT pg_rotate_logfile()", true),
            new Attack("checkpoint", "CHECKPOINT", false),
            new Attack("alter system", "ALTER SYSTEM SET work_mem = '1GB'", false),
            new Attack("advisory lock", "SELECT pg_advisory_lock(4242)", true),
            new Attack("advisory xact lock", "SELECT pg_advisory_xact_lock(4242)", true),
            new Attack("notify function", "SELECT pg_notify('dwpilot_probe', 'x')", true),
            new Attack("notify", "NOTIFY dwpilot_probe", false),
            new Attack("lock table", "LOCK TABLE {canary} IN ACCESS EXCLUSIVE MODE", false),
            // roles and privileges
            new Attack("set role", "SET ROLE dwpilot_owner", false),
            new Attack("set session authorization", "SET SESSION AUTHORIZATION postgres", false),
            new Attack("role through set_config", "SELECT set_config('role', 'dwpilot_owner', false)", true),
            new Attack("grant", "GRANT dwpilot_owner TO CURRENT_USER", false),
            new Attack("alter own role", "ALTER ROLE CURRENT_USER SUPERUSER", false),
            new Attack("change own password", "ALTER ROLE CURRENT_USER PASSWORD 'stolen'", false),
            new Attack("create role", "CREATE ROLE dwpilot_intruder SUPERUSER LOGIN", false),
            new Attack("password hashes", "SELECT rolname, rolpassword FROM pg_authid", true),
            new Attack("shadow", "SELECT * FROM pg_shadow", true),
            // data and schemas
            new Attack("insert", "INSERT INTO {canary} VALUES (1000, 'intruder')", false),
            new Attack("update", "UPDATE {canary} SET note = 'intruder'", false),
            new Attack("delete", "DELETE FROM {canary}", false),
            new Attack("truncate", "TRUNCATE {canary}", false),
            new Attack("drop", "DROP TABLE {canary}", false),
            new Attack("create table", "CREATE TABLE gold.intruder (a int)", false),
            new Attack("select into", "SELECT * INTO gold.intruder FROM {canary}", false),
            new Attack("create temp table", "CREATE TEMP TABLE intruder AS SELECT 1", false),
            new Attack(
                    "writing cte", "WITH gone AS (DELETE FROM {canary} RETURNING *) SELECT count(*) FROM gone", true),
            new Attack("read-write transaction", "SET TRANSACTION READ WRITE", false),
            new Attack("commit escape", "COMMIT", false),
            new Attack("query log", "SELECT * FROM metadata.query_logs", true),
            new Attack("erase query log", "DELETE FROM metadata.query_logs", false),
            new Attack("journal", "SELECT * FROM journal.event_journal", true),
            new Attack("models", "SELECT * FROM ml.model_registry", true),
            new Attack("bronze layer", "SELECT * FROM bronze.sales_raw", true),
            new Attack(
                    "create function", "CREATE FUNCTION gold.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'", false),
            new Attack(
                    "c function",
                    "CREATE FUNCTION gold.sys(cstring) RETURNS int AS 'libc.so.6', 'system' LANGUAGE c",
                    false),
            new Attack("extension", "CREATE EXTENSION IF NOT EXISTS dblink", false),
            new Attack("load library", "LOAD 'auto_explain'", false),
            new Attack("anonymous block", "DO $$BEGIN PERFORM pg_read_file('{secret}'); END$$", false),
            new Attack(
                    "hypothetical index", "SELECT * FROM hypopg_create_index('CREATE INDEX ON {canary} (note)')", true),
            // session state that must not outlive the request
            new Attack("custom setting", "SELECT set_config('dwpilot.probe', 'leaked', false)", true),
            new Attack("set setting", "SET dwpilot.probe = 'leaked'", false),
            new Attack("statement timeout", "SET statement_timeout = 1", false),
            new Attack("prepare", "PREPARE dwpilot_probe AS SELECT 1", false),
            new Attack("cursor with hold", "DECLARE dwpilot_probe CURSOR WITH HOLD FOR SELECT 1", false),
            new Attack("listen", "LISTEN dwpilot_probe", false),
            new Attack("session lock", "SELECT pg_try_advisory_lock(4242)", true));

    private static final List<Trick> TRICKS = List.of(
            new Trick("plain", false, sql -> sql),
            new Trick("trailing semicolon", false, sql -> sql + ";"),
            new Trick("leading comment", false, sql -> "/* report */ " + sql),
            new Trick("nested comment", false, sql -> "/* a /* b */ ; c */\n" + sql),
            new Trick("line comment", false, sql -> "-- read only\n" + sql),
            new Trick("trailing line comment", false, sql -> sql + " -- ;"),
            new Trick("whitespace", false, sql -> sql.replace(" ", "\t\n ")),
            new Trick("behind a statement", false, sql -> "SELECT 1; " + sql),
            new Trick("behind an escape string", false, sql -> "SELECT E'\\''; " + sql + "; --'"),
            new Trick("behind a standard string", false, sql -> "SELECT '\\'; " + sql + "; --'"),
            new Trick("behind a dollar quote", false, sql -> "SELECT $a$ $b$ $a$; " + sql),
            new Trick("behind a dollar identifier", false, sql -> "SELECT 1 AS a$; " + sql),
            new Trick("behind a quoted name", false, sql -> "SELECT 1 AS \"a;\"\"\"; " + sql),
            new Trick("behind a comment", false, sql -> "SELECT 1 /* ; */; " + sql),
            new Trick("mixed case", false, AdversarialCorpus::mixedCase),
            new Trick("explain analyze", true, sql -> "EXPLAIN ANALYZE " + sql),
            new Trick("explain options", true, sql -> "EXPLAIN (ANALYZE, FORMAT JSON) " + sql),
            new Trick("subquery", true, sql -> "SELECT * FROM (" + sql + ") AS s"),
            new Trick("cte", true, sql -> "WITH s AS (" + sql + ") SELECT * FROM s"),
            new Trick(
                    "qualified",
                    true,
                    sql -> sql.replaceFirst(
                                    "SELECT (\\*\\s+FROM\\s+)?(pg_|lo_|set_|current_|hypopg_)",
                                    "SELECT $1pg_catalog.$2")
                            .replace("pg_catalog.hypopg_", "hypopg_")),
            new Trick("quoted function", true, sql -> sql.replaceFirst("SELECT (pg_[a-z_]+)\\(", "SELECT \"$1\"(")));

    private AdversarialCorpus() {}

    /** Every attack in every trick that applies to it, placeholders filled in. */
    static List<Entry> generate(String marker, String secret, long victim) {
        List<Entry> entries = new ArrayList<>();
        for (Attack attack : ATTACKS) {
            String sql = attack.sql()
                    .replace("{marker}", marker)
                    .replace("{secret}", secret)
                    .replace("{victim}", Long.toString(victim))
                    .replace("{canary}", SecurityFixture.CANARY);
            for (Trick trick : TRICKS) {
                if (!trick.queriesOnly() || attack.query()) {
                    entries.add(
                            new Entry(attack.name(), trick.name(), trick.dress().apply(sql)));
                }
            }
        }
        return entries;
    }

    /** Keywords and names in random case, quoted text left alone (a fixed seed: the corpus is the same every run). */
    private static String mixedCase(String sql) {
        Random random = new Random(sql.hashCode());
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(quoted ? c : random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}
