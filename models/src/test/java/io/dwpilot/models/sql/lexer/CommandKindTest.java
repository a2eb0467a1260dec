package io.dwpilot.models.sql.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandKindTest {
    private static final String TABLE = """
            SELECT 1                                                       | QUERY
            select * from t where a = 'INTO'                               | QUERY
            VALUES (1), (2)                                                | QUERY
            TABLE t                                                        | QUERY
            (SELECT 1) UNION (SELECT 2)                                    | QUERY
            ((VALUES (1)))                                                 | QUERY
            SELECT a AS into, t.into FROM t                                | QUERY
            SELECT (SELECT 1)                                              | QUERY
            WITH x AS (SELECT 1) SELECT * FROM x                           | QUERY
            WITH RECURSIVE x(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM x) SELECT * FROM x | QUERY
            WITH a AS MATERIALIZED (SELECT 1), "b" AS NOT MATERIALIZED (SELECT 2) TABLE a | QUERY
            WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x | QUERY
            WITH RECURSIVE t(id) AS (SELECT 1) SEARCH DEPTH FIRST BY id, x SET o SELECT * FROM t | QUERY
            WITH t AS (SELECT 1) CYCLE id, x SET c TO 'y' DEFAULT 'n' USING p, u AS (SELECT 2) TABLE u | QUERY
            WITH t AS (SELECT 1) SEARCH BREADTH FIRST BY id SET o CYCLE id SET c USING p DELETE FROM t | DELETE
            WITH x AS (SELECT 1) (SELECT * FROM x)                         | QUERY
            SELECT * INTO new_table FROM t                                 | SELECT_INTO
            (SELECT 1 INTO t)                                              | SELECT_INTO
            WITH x AS (SELECT 1) SELECT * INTO t FROM x                    | SELECT_INTO
            SHOW work_mem                                                  | SHOW
            INSERT INTO t VALUES (1)                                       | INSERT
            UPDATE t SET a = 1                                             | UPDATE
            DELETE FROM t                                                  | DELETE
            MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE   | MERGE
            WITH x AS (SELECT 1) DELETE FROM t WHERE a IN (SELECT * FROM x) | DELETE
            with x as (select 1), y as (select 2) insert into t select * from x | INSERT
            WITH x AS (SELECT 1) UPDATE t SET a = 2                        | UPDATE
            WITH x AS (SELECT 1) MERGE INTO t USING x ON true WHEN MATCHED THEN DELETE | MERGE
            CREATE TABLE t (a int)                                         | DDL
            CREATE OR REPLACE VIEW v AS SELECT 1                           | DDL
            CREATE TABLE t AS SELECT 1                                     | DDL
            ALTER TABLE t ADD COLUMN b int                                 | DDL
            DROP INDEX i                                                   | DDL
            TRUNCATE t                                                     | DDL
            COMMENT ON TABLE t IS 'x'                                      | DDL
            REFRESH MATERIALIZED VIEW v                                    | DDL
            SECURITY LABEL ON TABLE t IS 'x'                               | DDL
            IMPORT FOREIGN SCHEMA s FROM SERVER f INTO l                   | DDL
            REINDEX TABLE t                                                | DDL
            CLUSTER t USING i                                              | DDL
            CREATE USER MAPPING FOR u SERVER s                             | DDL
            DROP USER MAPPING IF EXISTS FOR u SERVER s                     | DDL
            GRANT SELECT ON t TO r                                         | PRIVILEGES
            REVOKE ALL ON t FROM r                                         | PRIVILEGES
            REASSIGN OWNED BY a TO b                                       | PRIVILEGES
            DROP OWNED BY a                                                | PRIVILEGES
            ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r          | PRIVILEGES
            CREATE ROLE r LOGIN                                            | PRIVILEGES
            CREATE USER u                                                  | PRIVILEGES
            CREATE USER mapping                                            | PRIVILEGES
            ALTER ROLE r SET work_mem = '1GB'                              | PRIVILEGES
            ALTER USER u PASSWORD 'x'                                      | PRIVILEGES
            DROP GROUP g                                                   | PRIVILEGES
            DROP USER IF EXISTS mapping                                    | PRIVILEGES
            ALTER SYSTEM SET work_mem = '1GB'                              | ALTER_SYSTEM
            COPY t TO STDOUT                                               | COPY
            LOCK TABLE t                                                   | LOCK
            LISTEN c                                                       | LISTEN
            UNLISTEN *                                                     | UNLISTEN
            NOTIFY c, 'x'                                                  | NOTIFY
            PREPARE q AS SELECT 1                                          | PREPARE
            PREPARE q (int) AS SELECT $1                                   | PREPARE
            PREPARE transaction AS SELECT 1                                | PREPARE
            PREPARE TRANSACTION 'tx'                                       | TRANSACTION
            EXECUTE q                                                      | EXECUTE
            DEALLOCATE ALL                                                 | DEALLOCATE
            SET work_mem = '1GB'                                           | SET
            SET ROLE admin                                                 | SET
            SET SESSION AUTHORIZATION admin                                | SET
            SET TRANSACTION READ ONLY                                      | SET
            SET CONSTRAINTS ALL DEFERRED                                   | SET
            SET LOCAL statement_timeout = 0                                | SET
            RESET ALL                                                      | RESET
            DISCARD ALL                                                    | DISCARD
            DO $$ BEGIN END $$                                             | DO
            CALL p()                                                       | CALL
            CHECKPOINT                                                     | CHECKPOINT
            LOAD 'auto_explain'                                            | LOAD
            VACUUM t                                                       | VACUUM
            ANALYZE t                                                      | ANALYZE
            ANALYSE                                                        | ANALYZE
            BEGIN                                                          | TRANSACTION
            START TRANSACTION READ ONLY                                    | TRANSACTION
            COMMIT                                                         | TRANSACTION
            END                                                            | TRANSACTION
            ROLLBACK                                                       | TRANSACTION
            ABORT                                                          | TRANSACTION
            SAVEPOINT s                                                    | TRANSACTION
            RELEASE SAVEPOINT s                                            | TRANSACTION
            COMMIT PREPARED 'tx'                                           | TRANSACTION
            ROLLBACK PREPARED 'tx'                                         | TRANSACTION
            DECLARE c CURSOR FOR SELECT 1                                  | CURSOR
            FETCH 10 FROM c                                                | CURSOR
            MOVE NEXT IN c                                                 | CURSOR
            CLOSE c                                                        | CURSOR
            EXPLAIN SELECT 1                                               | EXPLAIN
            EXPLAIN ANALYZE SELECT 1                                       | EXPLAIN_ANALYZE
            SELEC 1                                                        | UNKNOWN
            "select" 1                                                     | UNKNOWN
            'select'                                                       | UNKNOWN
            42                                                             | UNKNOWN
            START 1                                                        | UNKNOWN
            WITH x AS (SELECT 1)                                           | UNKNOWN
            WITH x SELECT 1                                                | UNKNOWN
            """;

    @Test
    void everyKindHasACase() {
        Set<CommandKind> covered = EnumSet.noneOf(CommandKind.class);
        TABLE.lines()
                .map(line -> CommandKind.valueOf(
                        line.substring(line.lastIndexOf('|') + 1).strip()))
                .forEach(covered::add);

        assertThat(covered).containsExactlyInAnyOrder(CommandKind.values());
    }

    @Test
    void theKindComesFromTheLeadingKeywords() {
        TABLE.lines().forEach(line -> {
            int bar = line.lastIndexOf('|');
            String sql = line.substring(0, bar).strip();
            CommandKind expected = CommandKind.valueOf(line.substring(bar + 1).strip());
            assertThat(SingleStatement.of(sql).kind()).as(sql).isEqualTo(expected);
        });
    }

    @Test
    void keywordsAreCaseInsensitiveAndCommentsBetweenThemAreSkipped() {
        assertThat(SingleStatement.of("/* a */ wItH -- b\n x /* c */ AS (select 1) /* d */ DeLeTe FROM t")
                        .kind())
                .isEqualTo(CommandKind.DELETE);
        assertThat(SingleStatement.of("explain/**/analyze/**/select 1").kind()).isEqualTo(CommandKind.EXPLAIN_ANALYZE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "EXPLAIN SELECT 1|EXPLAIN|QUERY",
                "EXPLAIN VERBOSE SELECT 1|EXPLAIN|QUERY",
                "EXPLAIN (SELECT 1)|EXPLAIN|QUERY",
                "EXPLAIN ((SELECT 1))|EXPLAIN|QUERY",
                "EXPLAIN (FORMAT JSON, COSTS off) SELECT 1|EXPLAIN|QUERY",
                "EXPLAIN (ANALYZE false) SELECT 1|EXPLAIN|QUERY",
                "EXPLAIN (analyze OFF, format json) INSERT INTO t VALUES (1)|EXPLAIN|INSERT",
                "EXPLAIN (ANALYZE 0) DELETE FROM t|EXPLAIN|DELETE",
                "EXPLAIN (ANALYZE -0, ANALYSE 0x0) SELECT 1|EXPLAIN|QUERY",
                "EXPLAIN (ANALYZE 'off') SELECT 1|EXPLAIN|QUERY",
                "EXPLAIN (ANALYZE \"OFF\") SELECT 1|EXPLAIN|QUERY",
                "EXPLAIN ANALYZE SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "explain analyse verbose update t set a = 1|EXPLAIN_ANALYZE|UPDATE",
                "EXPLAIN (ANALYZE) SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO t VALUES (1)|EXPLAIN_ANALYZE|INSERT",
                "EXPLAIN (FORMAT JSON, analyze on) SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN (ANALYZE true) SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN (ANALYZE 1) SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN (\"analyze\") SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN (ANALYZE false, ANALYZE) SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN (ANALYZE 0.0) SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN (ANALYZE maybe) SELECT 1|EXPLAIN_ANALYZE|QUERY",
                "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1|EXPLAIN_ANALYZE|DDL",
                "EXPLAIN SELECT 1 INTO t|EXPLAIN|SELECT_INTO",
                "EXPLAIN EXECUTE q|EXPLAIN|EXECUTE",
                "EXPLAIN DECLARE c CURSOR FOR SELECT 1|EXPLAIN|CURSOR",
                "EXPLAIN WITH x AS (SELECT 1) DELETE FROM t|EXPLAIN|DELETE",
                "EXPLAIN|EXPLAIN|UNKNOWN",
            })
    void explainSaysWhetherItRunsTheStatementAndWhatItExplains(String sql, CommandKind kind, CommandKind explained) {
        SqlStatement statement = SingleStatement.of(sql);

        assertThat(statement.kind()).isEqualTo(kind);
        assertThat(statement.explained()).contains(explained);
    }

    @Test
    void onlyExplainExplainsSomething() {
        Arrays.asList("SELECT 1", "ANALYZE t", "PREPARE q AS SELECT 1")
                .forEach(sql ->
                        assertThat(SingleStatement.of(sql).explained()).as(sql).isEqualTo(Optional.empty()));
    }
}
