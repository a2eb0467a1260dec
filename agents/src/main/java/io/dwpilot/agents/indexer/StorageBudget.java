package io.dwpilot.agents.indexer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much storage the indexer's indexes may take together: a fixed size ({@code 512MB}, {@code 2GB}) or a share of
 * the database's size ({@code 10%}).
 *
 * @param fixedBytes the fixed size, or -1 for a share
 * @param share      the share of the database size in (0, 10], or 0 for a fixed size
 */
public record StorageBudget(long fixedBytes, double share) {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|TB)");
    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    public StorageBudget {
        boolean fixed = fixedBytes >= 0 && share == 0;
        boolean relative = fixedBytes == -1 && share > 0 && share <= 10;
        if (!fixed && !relative) {
            throw new IllegalArgumentException("a budget is a size of at least 0 bytes or a share in (0, 1000 %]");
        }
    }

    public static StorageBudget ofBytes(long bytes) {
        return new StorageBudget(bytes, 0);
    }

    /** {@code share} of the database size, e.g. 0.1 for 10 %. */
    public static StorageBudget ofShare(double share) {
        return new StorageBudget(-1, share);
    }

    /**
     * Parses {@code 512MB}, {@code 1.5GB}, {@code 0B} (sizes in powers of 1024) or {@code 10%}.
     *
     * @throws IllegalArgumentException naming what is accepted, for anything else
     */
    public static StorageBudget parse(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        Matcher share = SHARE.matcher(value);
        if (share.matches()) {
            return ofShare(Double.parseDouble(share.group(1)) / 100);
        }
        Matcher size = SIZE.matcher(value);
        if (size.matches()) {
            int power = switch (size.group(2)) {
                case "B" -> 0;
                case "KB" -> 1;
                case "MB" -> 2;
                case "GB" -> 3;
                default -> 4;
            };
            return ofBytes(Math.round(Double.parseDouble(size.group(1)) * Math.pow(1024, power)));
        }
        throw new IllegalArgumentException("an index budget is a size such as 512MB or 2GB, or a share of the"
                + " database such as 10%, not '" + text + "'");
    }

    /** The budget in bytes for a database of {@code databaseBytes}. */
    public long bytes(long databaseBytes) {
        return fixedBytes >= 0 ? fixedBytes : Math.round(databaseBytes * share);
    }

    @Override
    public String toString() {
        return fixedBytes >= 0
                ? fixedBytes + " bytes"
                : String.format(Locale.ROOT, "%.3g %% of the database", share * 100);
    }
}
