package io.dwpilot.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wrk, the HTTP load generator, posting one statement shape with random literals. */
final class Wrk {
    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {}

    /** A Lua script posting {@code prefix + id} with a random id from 1 to {@code maxId}, seeded. */
    static Path lookupScript(Path directory, String prefix, long maxId) throws IOException {
        Path script = directory.resolve("lookup.lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                math.randomseed(7)
                request = function()
                  local body = '{"sql": "%s' .. math.random(1, %d) .. '"}'
                  return wrk.format(nil, nil, nil, body)
                end
                """.formatted(prefix, maxId));
        return script;
    }

    static Latencies run(Path script, String url, int connections, int seconds) {
        String output = ExternalTool.run(
                List.of(
                        "wrk",
                        "-t" + Math.min(2, connections),
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "10s",
                        "--latency",
                        "-s",
                        script.toString(),
                        url),
                script.getParent(),
                Map.of(),
                seconds + 60L);
        return parse(output, connections);
    }

    static Latencies parse(String output, int connections) {
        double p50 = percentile(output, "50").orElseThrow(() -> unreadable(output));
        double p99 = percentile(output, "99").orElseThrow(() -> unreadable(output));
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw unreadable(output);
        }
        long failed = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            failed += Long.parseLong(non2xx.group(1));
        }
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                failed += Long.parseLong(errors.group(g));
            }
        }
        return new Latencies(connections, Double.parseDouble(rate.group(1)), p50, p99, failed);
    }

    private static Optional<Double> percentile(String output, String which) {
        Matcher m = PERCENTILE.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(which)) {
                double value = Double.parseDouble(m.group(2));
                return Optional.of(
                        switch (m.group(3)) {
                            case "us" -> value / 1000;
                            case "ms" -> value;
                            case "s" -> value * 1000;
                            default -> value * 60_000;
                        });
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException unreadable(String output) {
        return new IllegalStateException("cannot read wrk's output:\n" + output);
    }
}
