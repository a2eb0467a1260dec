package io.dwpilot.models.index;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * B-tree index sizes from table statistics, because hypopg's own estimates are known to be far off (it assumes
 * fixed widths and ignores the fill factor and the upper levels), and building an index to measure it is what
 * selection tries to avoid.
 *
 * <p>The formula, for {@code n} rows and key plus INCLUDE columns of average widths {@code w1..wk}:
 * <pre>
 *   entry      = 8 (index tuple header) + 6 (item pointer) + align8(w1 + ... + wk)
 *   leaf bytes = n * entry / 0.9                 (B-tree leaves are built 90 % full: the default fillfactor)
 *   leaf pages = ceil(leaf bytes / 8152)         (an 8 kB page less its 24-byte header and 16-byte special space)
 *   inner      = leaf pages / fan-out per level, summed up to the root (fan-out = 8152 / entry)
 *   bytes      = (1 metapage + leaf pages + inner pages) * 8192 * calibration
 * </pre>
 * A column without statistics counts {@value #DEFAULT_WIDTH} bytes. A partial index holds {@code n} times its
 * predicate's {@linkplain TableStatistics#selectivity selectivity} rows. The estimate then lacks only what statistics cannot tell (deduplication of repeated keys,
 * bloat); {@link #calibrated(double)} scales it by a measured real-to-estimated ratio.
 */
public final class StatisticsSizeEstimator implements SizeEstimator {
    /** The width assumed for a column the statistics do not know, in bytes. */
    public static final double DEFAULT_WIDTH = 8;

    static final int PAGE_BYTES = 8192;
    static final int USABLE_PAGE_BYTES = PAGE_BYTES - 24 - 16;
    static final double FILL_FACTOR = 0.9;
    private static final int TUPLE_HEADER_BYTES = 8;
    private static final int ITEM_POINTER_BYTES = 6;

    private final Map<String, TableStatistics> tables;
    private final double calibration;

    public StatisticsSizeEstimator(List<TableStatistics> tables) {
        this(tables.stream().collect(Collectors.toUnmodifiableMap(TableStatistics::table, Function.identity())), 1);
    }

    private StatisticsSizeEstimator(Map<String, TableStatistics> tables, double calibration) {
        this.tables = tables;
        this.calibration = calibration;
    }

    /** The factor every estimate is multiplied by: 1 until calibrated. */
    public double calibration() {
        return calibration;
    }

    /** Calibrations compose: calibrating by 2 and then by 1.5 scales by 3. */
    @Override
    public StatisticsSizeEstimator calibrated(double factor) {
        SizeEstimator.checkFactor(factor);
        return new StatisticsSizeEstimator(tables, calibration * factor);
    }

    /**
     * @throws IllegalArgumentException when there are no statistics for the candidate's table: guessing would let
     *                                  a huge index pass as a small one
     */
    @Override
    public long bytes(IndexCandidate candidate) {
        TableStatistics statistics = tables.get(candidate.table());
        if (statistics == null) {
            throw new IllegalArgumentException("no statistics for table " + candidate.table());
        }
        double width = candidate.keyColumnNames().stream()
                        .mapToDouble(column -> width(statistics, column))
                        .sum()
                + candidate.includeColumns().stream()
                        .mapToDouble(column -> width(statistics, column))
                        .sum();
        double entry = TUPLE_HEADER_BYTES + ITEM_POINTER_BYTES + align8(width);
        double rows = statistics.rows()
                * candidate.predicate().map(statistics::selectivity).orElse(1.0);
        double leafPages = Math.max(1, Math.ceil(rows * entry / FILL_FACTOR / USABLE_PAGE_BYTES));
        double fanOut = Math.max(2, Math.floor(USABLE_PAGE_BYTES / entry));
        double innerPages = 0;
        for (double level = leafPages; level > 1; ) {
            level = Math.ceil(level / fanOut);
            innerPages += level;
        }
        return Math.round((1 + leafPages + innerPages) * PAGE_BYTES * calibration);
    }

    private static double width(TableStatistics statistics, String column) {
        return statistics.avgWidthBytes().getOrDefault(column, DEFAULT_WIDTH);
    }

    private static double align8(double bytes) {
        return Math.ceil(bytes / 8) * 8;
    }
}
