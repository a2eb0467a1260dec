package io.dwpilot.gateway;

/**
 * What the governor steers in the gateway: the concurrency limit of each lane, the query pool's size and the
 * work_mem of heavy statements in MB (0: the server's own setting).
 */
public record Limits(int interactive, int heavy, int poolSize, int heavyWorkMemMb) {
    public Limits {
        if (interactive < 1 || heavy < 1 || poolSize < 1 || heavyWorkMemMb < 0) {
            throw new IllegalArgumentException("limits must be positive (work_mem may be 0), got interactive "
                    + interactive + ", heavy " + heavy + ", pool " + poolSize + ", work_mem " + heavyWorkMemMb);
        }
    }

    public int limitOf(Lane lane) {
        return lane == Lane.INTERACTIVE ? interactive : heavy;
    }

    /** For summaries: {@code interactive 16, heavy 4, pool 20, work_mem 64MB}. */
    @Override
    public String toString() {
        return "interactive " + interactive + ", heavy " + heavy + ", pool " + poolSize + ", work_mem "
                + (heavyWorkMemMb == 0 ? "server default" : heavyWorkMemMb + "MB");
    }
}
