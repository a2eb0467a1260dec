package io.dwpilot.simulator.load;

/** Hears how a bulk load advances; the CLI draws a progress bar, tests stay quiet. */
public interface LoadProgress {
    LoadProgress SILENT = new LoadProgress() {
        @Override
        public void start(String table, long expectedRows) {}

        @Override
        public void advance(long rows) {}

        @Override
        public void finish(String table, long rows) {}
    };

    void start(String table, long expectedRows);

    void advance(long rows);

    void finish(String table, long rows);
}
