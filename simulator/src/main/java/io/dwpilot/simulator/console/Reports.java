package io.dwpilot.simulator.console;

import io.dwpilot.persistence.etl.EtlReport;
import io.dwpilot.persistence.etl.EtlStepResult;
import io.dwpilot.simulator.load.BronzeLoad;
import io.dwpilot.simulator.retail.RetailTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plain-text tables of what a load or an ETL run did, and the experiments' Markdown reports written out. */
public final class Reports {
    private Reports() {}

    public static void printLoad(PrintStream out, BronzeLoad load) {
        out.printf(
                "Batch %d loaded: %,d rows in %.1f s (%,.0f rows/s)%n",
                load.batchId(), load.totalRows(), load.duration().toMillis() / 1000.0, load.rowsPerSecond());
        for (RetailTable table : RetailTable.values()) {
            long dirty = load.dirt().get(table).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            out.printf(
                    "  %-22s %,12d rows, %,8d of them dirty on purpose%n",
                    table.bronzeTable(), load.rows().get(table), dirty);
        }
    }

    public static void printEtlStep(PrintStream out, EtlStepResult step) {
        out.printf(
                "  %-26s %,12d in %,12d out %,9d rejected %8.1f s %,10.0f rows/s%n",
                step.step(),
                step.rowsIn(),
                step.rowsOut(),
                step.rowsRejected(),
                step.duration().toMillis() / 1000.0,
                step.rowsPerSecond());
    }

    public static void printEtl(PrintStream out, EtlReport report) {
        if (report.nothingToDo()) {
            out.printf(
                    "ETL run %d: nothing new in bronze, the warehouse is current (%.1f s)%n",
                    report.runId(), report.duration().toMillis() / 1000.0);
        } else {
            out.printf(
                    "ETL run %d: %,d rows in, %,d out, %,d quarantined in %.1f s%n",
                    report.runId(),
                    report.rowsIn(),
                    report.rowsOut(),
                    report.rowsRejected(),
                    report.duration().toMillis() / 1000.0);
        }
    }

    /** Writes an experiment's Markdown report to {@code file} when one was asked for (null: none). */
    public static void write(Path file, String markdown, PrintStream out) throws IOException {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        out.println("Report written to " + file);
    }

    /** A number as people write it: 7, not 7.0. */
    public static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
