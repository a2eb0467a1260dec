package io.dwpilot.simulator.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.testing.TestPostgres;
import io.dwpilot.simulator.load.LoadProgress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TpchLoaderTest {
    private static final double SF = 0.01;
    private static Database database;
    private static TpchLoad load;

    @BeforeAll
    static void loadTpch() {
        database = TestPostgres.newWarehouse("tpch");
        load = new TpchLoader(database.systemPool()).load(SF, LoadProgress.SILENT);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void rowCountsMatchTheScaleFactor() throws SQLException {
        assertThat(count("region")).isEqualTo(5);
        assertThat(count("nation")).isEqualTo(25);
        assertThat(count("supplier")).isEqualTo(100);
        assertThat(count("customer")).isEqualTo(1_500);
        assertThat(count("part")).isEqualTo(2_000);
        assertThat(count("partsupp")).isEqualTo(8_000);
        assertThat(count("orders")).isEqualTo(15_000);
        // lineitem has 1 to 7 lines per order, four on average
        assertThat(count("lineitem")).isEqualTo(load.rows().get("lineitem")).isBetween(58_000L, 62_000L);
    }

    @Test
    void allTwentyTwoQueriesRunOnTheLoadedData() throws SQLException {
        try (Connection c = database.sessions().pool(DatabaseRole.ADMIN).getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '60s'");
            for (TpchQueries.TpchQuery query : TpchQueries.all()) {
                try (ResultSet rs = s.executeQuery(query.sql())) {
                    assertThat(rs.getMetaData().getColumnCount())
                            .as(query.title())
                            .isPositive();
                }
            }
        }
        assertThat(TpchQueries.query(1).title()).startsWith("TPC-H Q1");
    }

    @Test
    void badScaleFactorsAreRefusedAndLeaveTheDataInPlace() throws SQLException {
        TpchLoader loader = new TpchLoader(database.systemPool());
        assertThatThrownBy(() -> loader.load(-1, LoadProgress.SILENT)).hasMessageContaining("greater than 0");
        assertThat(count("orders")).isEqualTo(15_000);
    }

    private static long count(String table) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM tpch." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
