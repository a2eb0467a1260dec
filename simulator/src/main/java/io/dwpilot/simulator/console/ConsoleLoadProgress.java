package io.dwpilot.simulator.console;

import io.dwpilot.simulator.load.LoadProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per table on the terminal. */
public final class ConsoleLoadProgress implements LoadProgress {
    private final PrintStream out;
    private ProgressBar bar;

    public ConsoleLoadProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(String table, long expectedRows) {
        bar = new ProgressBarBuilder()
                .setTaskName(String.format("%-22s", table))
                .setInitialMax(expectedRows)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .setUnit(" rows", 1)
                .build();
    }

    @Override
    public void advance(long rows) {
        bar.stepBy(rows);
    }

    @Override
    public void finish(String table, long rows) {
        bar.maxHint(rows);
        bar.stepTo(rows);
        bar.close();
        out.flush();
    }
}
