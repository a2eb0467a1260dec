package io.dwpilot.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a load tool of the machine (wrk, pgbench) as a process of its own and hands back what it printed. */
final class ExternalTool {
    private ExternalTool() {}

    /** Fails with the package to install when {@code command} is not on the PATH. */
    static void require(String command, String debianPackage) {
        try {
            Process probe = new ProcessBuilder("sh", "-c", "command -v " + command)
                    .redirectErrorStream(true)
                    .start();
            if (probe.waitFor() != 0) {
                throw new IllegalStateException(
                        command + " is not installed: apt-get install " + debianPackage + " (Debian)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot look for " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for " + command, e);
        }
    }

    /** Runs {@code command} in {@code directory} and returns its output; a non-zero exit fails with that output. */
    static String run(List<String> command, Path directory, Map<String, String> environment, long timeoutSeconds) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
