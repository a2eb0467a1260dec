package io.dwpilot.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Malformed requests over every route of the API, generated from a description of the routes (their query
 * parameters, path ids and body fields, as openapi.json gives them): bodies that are no JSON object, JSON with
 * trailing data or duplicate keys, fractions and huge numbers where integers belong, instants PostgreSQL cannot store,
 * NUL bytes and long strings in every text, bad path ids, methods a route does not take, and random combinations of
 * these from a fixed seed. Every one of them is wrong: the front door must refuse each with a 4xx that names the
 * problem ({@link Request#names}).
 */
final class MalformedRequestCorpus {
    /** A long value that still fits pekko's URI limit (2k), and one far past it. */
    static final String LONG = "x".repeat(1_500);

    static final String HUGE = "y".repeat(100_000);

    enum Kind {
        INSTANT,
        INTEGER,
        NUMBER,
        /** free text: any short value is valid */
        TEXT,
        /** one of a few words */
        CHOICE,
        BOOLEAN
    }

    record Param(String name, Kind kind) {}

    /** A body field; {@code example} is a valid JSON value for it. */
    record Field(String name, Kind kind, String example) {}

    /**
     * A route: its method, its path ({id} where a numeric id goes), its query parameters and, for a body, its fields.
     */
    record Route(String method, String path, List<Param> params, List<Field> fields, String token) {
        boolean hasBody() {
            return !fields.isEmpty();
        }

        String pathWith(String id) {
            return path.replace("{id}", id);
        }
    }

    /**
     * One malformed request. {@code names}: a word the 4xx message must contain (case-insensitive), null where the
     * status alone names the problem (a method or a path that does not exist). {@code anyOutcome}: the value is odd but
     * may be valid (a long statement), so only "no 5xx, no hang, no long echo" is asserted.
     */
    record Request(
            String label,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            String names,
            boolean anyOutcome) {}

    private static final String ADMIN = "A";
    private static final String SIMULATOR = "S";
    private static final String ANY_ID = "999999";

    private static final List<Param> RANGE = List.of(p("from", Kind.INSTANT), p("to", Kind.INSTANT));

    static final List<Route> ROUTES = List.of(
            get("/"),
            get("/api/v1/health"),
            get("/api/v1/session"),
            get("/api/v1/dashboard/overview", p("tz", Kind.CHOICE)),
            body("POST", "/api/v1/queries/execute", sqlFields()),
            body("POST", "/api/v1/queries/explain", sqlFields()),
            get(
                    "/api/v1/queries/history",
                    plus(
                            RANGE,
                            p("text", Kind.TEXT),
                            p("status", Kind.TEXT),
                            p("table", Kind.TEXT),
                            p("minMs", Kind.NUMBER),
                            p("maxMs", Kind.NUMBER),
                            p("fingerprint", Kind.TEXT),
                            p("user", Kind.TEXT),
                            p("sort", Kind.CHOICE),
                            p("order", Kind.CHOICE),
                            p("page", Kind.INTEGER),
                            p("size", Kind.INTEGER))),
            get(
                    "/api/v1/queries/statistics",
                    plus(
                            RANGE,
                            p("limit", Kind.INTEGER),
                            p("sort", Kind.CHOICE),
                            p("fingerprint", Kind.TEXT),
                            p("text", Kind.TEXT))),
            get(
                    "/api/v1/queries/timeseries",
                    plus(RANGE, p("bucketSeconds", Kind.INTEGER), p("fingerprint", Kind.TEXT))),
            get(
                    "/api/v1/queries/histogram",
                    plus(
                            RANGE,
                            p("text", Kind.TEXT),
                            p("status", Kind.TEXT),
                            p("table", Kind.TEXT),
                            p("minMs", Kind.NUMBER),
                            p("maxMs", Kind.NUMBER),
                            p("fingerprint", Kind.TEXT),
                            p("user", Kind.TEXT))),
            get("/api/v1/queries/{id}"),
            get("/api/v1/openapi.json"),
            get("/metrics"),
            get("/api/v1/metrics/current"),
            get(
                    "/api/v1/metrics/history",
                    p("start", Kind.INSTANT),
                    p("end", Kind.INSTANT),
                    p("granularity", Kind.CHOICE)),
            get("/api/v1/metrics/health", plus(RANGE, p("bucketSeconds", Kind.INTEGER))),
            get("/api/v1/metrics/database"),
            get("/api/v1/alerts"),
            get(
                    "/api/v1/anomalies",
                    plus(
                            RANGE,
                            p("kind", Kind.TEXT),
                            p("severity", Kind.CHOICE),
                            p("acknowledged", Kind.BOOLEAN),
                            p("page", Kind.INTEGER),
                            p("size", Kind.INTEGER))),
            new Route("POST", "/api/v1/anomalies/{id}/ack", List.of(), List.of(), ADMIN),
            get("/api/v1/forecasts", p("target", Kind.TEXT)),
            get("/api/v1/forecasts/history", p("target", Kind.TEXT), p("hours", Kind.INTEGER)),
            get("/api/v1/agents"),
            get(
                    "/api/v1/agents/decisions",
                    plus(
                            RANGE,
                            p("agent", Kind.TEXT),
                            p("kind", Kind.TEXT),
                            p("channel", Kind.TEXT),
                            p("page", Kind.INTEGER),
                            p("size", Kind.INTEGER))),
            get("/api/v1/stream", p("since", Kind.INTEGER), p("types", Kind.CHOICE)),
            get(
                    "/api/v1/optimization/indexes",
                    p("status", Kind.CHOICE),
                    p("fingerprint", Kind.TEXT),
                    p("limit", Kind.INTEGER),
                    p("offset", Kind.INTEGER)),
            get("/api/v1/optimization/indexes/{id}"),
            new Route("POST", "/api/v1/optimization/indexes/{id}/apply", List.of(), List.of(), ADMIN),
            body("POST", "/api/v1/optimization/indexes/{id}/reject", List.of(f("reason", Kind.TEXT, "\"not now\""))),
            get("/api/v1/optimization/indexes/mode"),
            body(
                    "PUT",
                    "/api/v1/optimization/indexes/mode",
                    List.of(f("mode", Kind.CHOICE, "\"recommend-only\""), f("reason", Kind.TEXT, "\"a test\""))),
            get(
                    "/api/v1/optimization/history",
                    p("agent", Kind.TEXT),
                    p("type", Kind.TEXT),
                    p("status", Kind.CHOICE),
                    p("fingerprint", Kind.TEXT),
                    p("limit", Kind.INTEGER),
                    p("offset", Kind.INTEGER)),
            get("/api/v1/optimization/settings"),
            get("/api/v1/ml/models", p("name", Kind.TEXT)),
            get("/api/v1/ml/models/{id}"),
            new Route("PUT", "/api/v1/ml/models/{id}/activate", List.of(), List.of(), ADMIN),
            get("/api/v1/ml/models/performance"),
            body("POST", "/api/v1/ml/models/train", List.of(f("models", Kind.CHOICE, "[\"cost\"]"))),
            body("POST", "/api/v1/ml/predict/query-cost", List.of(f("sql", Kind.TEXT, "\"SELECT 1\""))),
            body("POST", "/api/v1/ml/predict/workload", List.of(f("horizonBuckets", Kind.INTEGER, "12"))),
            body("POST", "/api/v1/ml/detect/anomalies", List.of(f("windowMinutes", Kind.INTEGER, "60"))),
            get("/api/v1/ml/training-runs", p("model", Kind.TEXT), p("limit", Kind.INTEGER)),
            get("/api/v1/ml/clusters"),
            get("/api/v1/ml/predictions", plus(RANGE, p("limit", Kind.INTEGER))));

    /** Values no instant parameter may take: past PostgreSQL's range, not a date, NUL, too long. */
    private static final List<String> BAD_INSTANTS = List.of(
            "+1000000000-12-31T23:59:59Z",
            "-4713-12-31T00:00:00Z",
            "+294277-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01",
            "2026-01-01T00:00:00",
            "yesterday",
            "1767225600");

    /** Instants at the edges of PostgreSQL's range, inside or just outside: they must not fail the server. */
    private static final List<String> EDGE_INSTANTS = List.of(
            "0000-01-01T00:00:00Z",
            "-4712-01-01T00:00:00Z",
            "-4711-01-01T00:00:00Z",
            "+294275-12-31T23:59:59Z",
            "+294276-12-31T23:59:59Z");

    /** Statements that fail in PostgreSQL, at parse, analysis or planning time, in different SQLSTATE classes. */
    private static final List<String> FAILING_SQL = List.of(
            "SELECT 'a'::int",
            "SELECT 'unterminated",
            "SELECT 1; SELECT 2",
            "/* unterminated",
            "SELECT '2026-13-01'::date",
            "SELECT 1e400::float8",
            "SELECT 1::numeric(2000)",
            "SELECT * FROM no_such_table",
            "SELECT no_such_column FROM gold.sales_summary",
            "SELECT $1",
            "SELECT 1 FROM gold.sales_summary GROUP BY no_such",
            "SELECT count(*) OVER (ORDER BY 1) FILTER (WHERE x)",
            "SELECT '\\x1'::bytea",
            "SELECT U&'\\D800'",
            "SELECT repeat('x', 2147483647) || repeat('x', 2147483647)",
            "SELECT ARRAY[1][2]",
            "SELECT (SELECT generate_series(1, 2))",
            "SELECT 1/0",
            "VACUUM",
            "CREATE INDEX CONCURRENTLY ON gold.sales_summary (1)",
            "SELECT * FROM gold.sales_summary FOR UPDATE NOWAIT",
            "SELECT pg_catalog.pg_sleep(-1) FROM nowhere");

    private static final List<String> BAD_INTEGERS = List.of(
            "1.5",
            "-1",
            "99999999999999999999",
            "9223372036854775808",
            "-2147483649",
            "1e3",
            "abc",
            "0x10",
            "NaN",
            "+-1");

    private static final List<String> BAD_NUMBERS =
            List.of("abc", "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0x1p3", "1,5");

    private static final List<String> BAD_BOOLEANS = List.of("yes", "1", "TRUEISH", "null");

    /** Refused by any text parameter: a NUL byte, control characters, longer than allowed. */
    private static final List<String> BAD_TEXTS = List.of("a\u0000b", "\u0000", LONG);

    /** JSON values no field of the kind takes (besides those of every kind: NUL, too long, another type). */
    private static final Map<Kind, List<String>> BAD_FIELD_VALUES = Map.of(
            Kind.INTEGER,
            List.of(
                    "1.5",
                    "1.0",
                    "1e2",
                    "-1",
                    "99999999999999999999",
                    "1e400",
                    "\"12\"",
                    "true",
                    "[]",
                    "{}",
                    "-99999999999"),
            Kind.TEXT,
            List.of("123", "1.5", "true", "[]", "{}", "[\"a\"]", "\"a\\u0000b\"", "\"" + HUGE + "\""),
            Kind.CHOICE,
            List.of("123", "true", "{}", "\"no-such-value\"", "\"a\\u0000b\"", "\"" + HUGE + "\"", "[1]", "[[]]"));

    /** Bodies that are no JSON object, or JSON of the wrong shape, or with something after it. */
    private static final List<String> BAD_BODIES = List.of(
            "null",
            "[]",
            "[{}]",
            "1",
            "-1.5",
            "\"text\"",
            "true",
            "{",
            "}",
            "{\"a\":}",
            "{'a': 1}",
            "{a: 1}",
            "{\"a\": 1,}",
            "{} {}",
            "{} x",
            "{}]",
            "null null",
            "\u0000",
            "{\"a\": NaN}",
            "/* c */ {}",
            "");

    private MalformedRequestCorpus() {}

    static List<Request> generate(long seed) {
        List<Request> out = new ArrayList<>();
        for (Route route : ROUTES) {
            out.addAll(wrongMethods(route));
            out.addAll(badIds(route));
            for (Param param : route.params()) {
                for (String value : badValues(param.kind())) {
                    out.add(query(route, "param " + param.name(), Map.of(param.name(), value), param.name()));
                }
                out.add(query(route, "huge param " + param.name(), Map.of(param.name(), HUGE), "uri"));
                if (param.kind() == Kind.INSTANT) {
                    for (String edge : EDGE_INSTANTS) {
                        out.add(edge(query(route, "edge " + param.name(), Map.of(param.name(), edge), null)));
                    }
                }
            }
            if (route.hasBody()) {
                out.addAll(badBodies(route));
            }
        }
        out.addAll(failingStatements());
        out.addAll(badSimulatedTimes());
        out.addAll(combinations(new Random(seed), 600));
        out.addAll(randomBodies(new Random(seed + 1), 200));
        return out;
    }

    private static List<String> badValues(Kind kind) {
        List<String> values = new ArrayList<>(BAD_TEXTS);
        switch (kind) {
            case INSTANT -> values.addAll(BAD_INSTANTS);
            case INTEGER -> values.addAll(BAD_INTEGERS);
            case NUMBER -> values.addAll(BAD_NUMBERS);
            case BOOLEAN -> values.addAll(BAD_BOOLEANS);
            case CHOICE -> values.add("no-such-value");
            case TEXT -> {}
        }
        return values;
    }

    private static List<Request> wrongMethods(Route route) {
        List<Request> out = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            boolean taken = ROUTES.stream()
                    .anyMatch(r -> r.path().equals(route.path()) && r.method().equals(method));
            if (!taken) {
                out.add(new Request(
                        "method " + method + " " + route.path(),
                        method,
                        route.pathWith(ANY_ID),
                        auth(route),
                        method.equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8),
                        null,
                        false));
            }
        }
        return out;
    }

    private static List<Request> badIds(Route route) {
        if (!route.path().contains("{id}")) {
            return List.of();
        }
        List<Request> out = new ArrayList<>();
        for (String id : List.of("abc", "99999999999999999999", "-1", "1.5", "%00", "1%20", "0x10", "%E2%82%AC")) {
            out.add(new Request(
                    "id " + id + " " + route.path(),
                    route.method(),
                    route.pathWith(id),
                    auth(route),
                    route.hasBody() ? validBody(route).getBytes(StandardCharsets.UTF_8) : null,
                    null,
                    false));
        }
        return out;
    }

    private static List<Request> badBodies(Route route) {
        List<Request> out = new ArrayList<>();
        for (String body : BAD_BODIES) {
            boolean optional = route.path().endsWith("/reject") && body.isEmpty(); // a rejection's body is optional
            if (!optional) {
                out.add(body(route, "body " + body, body, "body"));
            }
        }
        out.add(new Request(
                "text/plain body " + route.path(),
                route.method(),
                route.pathWith(ANY_ID),
                with(auth(route), "Content-Type", "text/plain"),
                "not json at all".getBytes(StandardCharsets.UTF_8),
                "body",
                false));
        out.add(new Request(
                "invalid UTF-8 " + route.path(),
                route.method(),
                route.pathWith(ANY_ID),
                with(auth(route), "Content-Type", "application/json"),
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                "body",
                false));
        out.add(body(route, "trailing data", validBody(route) + " {\"more\": 1}", "body"));
        out.add(body(route, "trailing word", validBody(route) + " x", "body"));
        out.add(body(route, "array of the body", "[" + validBody(route) + "]", "body"));
        for (Field field : route.fields()) {
            out.add(body(
                    route,
                    "duplicate " + field.name(),
                    "{\"" + field.name() + "\": " + field.example() + ", \"" + field.name() + "\": " + field.example()
                            + "}",
                    field.name()));
            List<String> values = new ArrayList<>(BAD_FIELD_VALUES.get(field.kind()));
            if (field.kind() == Kind.INTEGER) {
                values.add("\"a\\u0000b\"");
            }
            for (String value : values) {
                boolean longStatement = field.name().equals("sql") && value.length() > 1000;
                out.add(new Request(
                        "field " + field.name() + " = " + abbreviate(value) + " " + route.path(),
                        route.method(),
                        route.pathWith(ANY_ID),
                        with(auth(route), "Content-Type", "application/json"),
                        withField(route, field.name(), value).getBytes(StandardCharsets.UTF_8),
                        field.name(),
                        longStatement));
            }
        }
        return out;
    }

    /**
     * Statements PostgreSQL refuses, each for another class of error, at planning or at run time (so explain may plan
     * some): a failure is the caller's fault, a 4xx, never a 500.
     */
    private static List<Request> failingStatements() {
        List<Request> out = new ArrayList<>();
        for (String sql : FAILING_SQL) {
            for (String path :
                    List.of("/api/v1/queries/execute", "/api/v1/queries/explain", "/api/v1/ml/predict/query-cost")) {
                out.add(new Request(
                        "failing statement " + sql + " " + path,
                        "POST",
                        path,
                        Map.of("Authorization", ADMIN, "Content-Type", "application/json"),
                        ("{\"sql\": " + jsonString(sql) + "}").getBytes(StandardCharsets.UTF_8),
                        null,
                        true));
            }
        }
        return out;
    }

    /** The simulator's header: not an instant, or one PostgreSQL cannot store. */
    private static List<Request> badSimulatedTimes() {
        List<Request> out = new ArrayList<>();
        List<String> values = new ArrayList<>(BAD_INSTANTS);
        values.add(LONG);
        for (String value : values) {
            for (String path : List.of("/api/v1/queries/execute", "/api/v1/queries/explain")) {
                Map<String, String> headers = new LinkedHashMap<>(Map.of(
                        "Authorization",
                        SIMULATOR,
                        "Content-Type",
                        "application/json",
                        QueryRoutes.SIMULATED_AT,
                        value));
                out.add(new Request(
                        "simulated at " + value,
                        "POST",
                        path,
                        headers,
                        "{\"sql\": \"SELECT 1\"}".getBytes(StandardCharsets.UTF_8),
                        QueryRoutes.SIMULATED_AT,
                        false));
            }
        }
        return out;
    }

    /** Two or three bad parameters of one route at once: the message must name one of them. */
    private static List<Request> combinations(Random random, int count) {
        List<Route> withParams =
                ROUTES.stream().filter(r -> r.params().size() >= 2).toList();
        List<Request> out = new ArrayList<>();
        while (out.size() < count) {
            Route route = withParams.get(random.nextInt(withParams.size()));
            List<Param> params = new ArrayList<>(route.params());
            java.util.Collections.shuffle(params, random);
            int n = Math.min(params.size(), 2 + random.nextInt(2));
            Map<String, String> values = new LinkedHashMap<>();
            for (Param param : params.subList(0, n)) {
                List<String> bad = badValues(param.kind());
                values.put(param.name(), bad.get(random.nextInt(bad.size())));
            }
            out.add(query(route, "combination " + values.keySet(), values, String.join("|", values.keySet())));
        }
        return out;
    }

    /** A valid body cut at a random place, or with a random byte changed to one that breaks JSON. */
    private static List<Request> randomBodies(Random random, int count) {
        List<Route> withBody = ROUTES.stream().filter(Route::hasBody).toList();
        List<Request> out = new ArrayList<>();
        while (out.size() < count) {
            Route route = withBody.get(random.nextInt(withBody.size()));
            String valid = validBody(route);
            String broken = random.nextBoolean()
                    ? valid.substring(0, 1 + random.nextInt(valid.length() - 2))
                    : valid + "}]\",:".charAt(random.nextInt(5));
            out.add(body(route, "broken " + broken, broken, "body"));
        }
        return out;
    }

    private static Request edge(Request request) {
        return new Request(
                request.label(),
                request.method(),
                request.target(),
                request.headers(),
                request.body(),
                request.names(),
                true);
    }

    private static Route get(String path, Param... params) {
        return new Route("GET", path, List.of(params), List.of(), ADMIN);
    }

    private static Route get(String path, List<Param> params) {
        return new Route("GET", path, params, List.of(), ADMIN);
    }

    private static Route body(String method, String path, List<Field> fields) {
        return new Route(method, path, List.of(), fields, ADMIN);
    }

    private static List<Field> sqlFields() {
        return List.of(
                f("sql", Kind.TEXT, "\"SELECT 1\""),
                f("maxRows", Kind.INTEGER, "10"),
                f("timeoutMs", Kind.INTEGER, "1000"));
    }

    private static Param p(String name, Kind kind) {
        return new Param(name, kind);
    }

    private static Field f(String name, Kind kind, String example) {
        return new Field(name, kind, example);
    }

    private static List<Param> plus(List<Param> first, Param... more) {
        List<Param> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static Request query(Route route, String label, Map<String, String> values, String names) {
        String query = values.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return new Request(
                label + " " + route.path(),
                route.method(),
                route.pathWith(ANY_ID) + "?" + query,
                route.hasBody() ? with(auth(route), "Content-Type", "application/json") : auth(route),
                route.hasBody() ? validBody(route).getBytes(StandardCharsets.UTF_8) : null,
                names,
                false);
    }

    private static Request body(Route route, String label, String body, String names) {
        return new Request(
                abbreviate(label) + " " + route.path(),
                route.method(),
                route.pathWith(ANY_ID),
                with(auth(route), "Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8),
                names,
                false);
    }

    private static String validBody(Route route) {
        return route.fields().stream()
                .map(f -> "\"" + f.name() + "\": " + f.example())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String withField(Route route, String name, String value) {
        return route.fields().stream()
                .map(f -> "\"" + f.name() + "\": " + (f.name().equals(name) ? value : f.example()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Map<String, String> auth(Route route) {
        return Map.of("Authorization", route.token());
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static String jsonString(String value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…(" + value.length() + ")";
    }
}
