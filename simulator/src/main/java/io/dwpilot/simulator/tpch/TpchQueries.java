package io.dwpilot.simulator.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/** The 22 TPC-H queries in PostgreSQL's dialect with the specification's validation parameters. */
public final class TpchQueries {
    public record TpchQuery(int number, String title, String sql) {}

    private TpchQueries() {}

    public static List<TpchQuery> all() {
        return IntStream.rangeClosed(1, 22).mapToObj(TpchQueries::query).toList();
    }

    public static TpchQuery query(int number) {
        if (number < 1 || number > 22) {
            throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + number);
        }
        String resource = String.format("tpch/queries/q%02d.sql", number);
        try (InputStream in = TpchQueries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            String firstLine = text.lines().findFirst().orElse("");
            String title = firstLine.startsWith("--") ? firstLine.substring(2).strip() : "TPC-H Q" + number;
            return new TpchQuery(number, title, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
