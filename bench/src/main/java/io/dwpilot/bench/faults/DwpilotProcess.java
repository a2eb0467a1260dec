package io.dwpilot.bench.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code dwpilot up} in a JVM of its own, so that it can be killed (SIGKILL) and started again. Its console output
 * goes to a log file, read afterwards for an OutOfMemoryError.
 */
public final class DwpilotProcess implements AutoCloseable {
    /**
     * How to launch dwpilot: the java executable, the JVM options (e.g. {@code -Xmx512m}), the class path and main
     * class, and the arguments of {@code up} (config file, database URL and user) without the port.
     */
    public record Launch(
            Path java,
            List<String> jvmOptions,
            String classPath,
            String mainClass,
            List<String> upArguments,
            Map<String, String> environment,
            Path logFile) {}

    private final Launch launch;
    private Process process;

    public DwpilotProcess(Launch launch) {
        this.launch = launch;
    }

    /** Starts dwpilot on a free port (the client follows it there) and waits until its health endpoint answers UP. */
    public void start(ApiClient api, Duration timeout) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(launch.java().toString());
        command.addAll(launch.jvmOptions());
        command.add("-cp");
        command.add(launch.classPath());
        command.add(launch.mainClass());
        command.add("up");
        command.addAll(launch.upArguments());
        command.add("--port");
        command.add(Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        builder.environment().putAll(launch.environment());
        process = builder.start();
        api.target(port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "dwpilot exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            ApiClient.Answer health = api.health(Duration.ofSeconds(2));
            if (health.ok() && health.body().contains("\"UP\"")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("dwpilot was not UP within " + timeout + ":\n" + logTail());
    }

    /** SIGKILL: the process gets no chance to write anything more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("dwpilot did not die within 30 s of SIGKILL");
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Lines of the log that report an OutOfMemoryError. */
    public long outOfMemoryErrors() throws IOException {
        try (var lines = Files.lines(launch.logFile(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("OutOfMemoryError")).count();
        }
    }

    /** The last lines of dwpilot's console output (the log file goes with the experiment's directory). */
    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(launch.logFile(), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Stops dwpilot in order (SIGTERM), as Ctrl-C does. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** A port nothing listens on now, on the loopback address. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
