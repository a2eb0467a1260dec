package io.dwpilot.gateway.serving;

import io.dwpilot.models.ml.features.DataVolume;
import io.dwpilot.persistence.catalog.RelationVolumes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table sizes and cache hit ratio the cost features read, refreshed from the catalog on a background thread so
 * that the query path only reads a field. Sizes move slowly; a minute-old snapshot is as good as a fresh one.
 */
public final class WarehouseVolumes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WarehouseVolumes.class);
    static final String DEFAULT_SCHEMA = "public";

    private final RelationVolumes catalog;
    private final ScheduledExecutorService refresher;
    private volatile RelationVolumes.Snapshot snapshot = new RelationVolumes.Snapshot(java.util.Map.of(), Double.NaN);

    private WarehouseVolumes(RelationVolumes catalog, Duration every) {
        this.catalog = catalog;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dwpilot-volumes");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static WarehouseVolumes start(RelationVolumes catalog, Duration every) {
        return new WarehouseVolumes(catalog, every);
    }

    /** Rows and bytes of the named tables ({@code schema.table} or a bare name in {@code public}); unknown ones count 0. */
    public DataVolume of(List<String> tables) {
        RelationVolumes.Snapshot now = snapshot;
        double rows = 0;
        double bytes = 0;
        for (String table : tables) {
            String name = table.toLowerCase(Locale.ROOT);
            RelationVolumes.Volume v = now.tables().get(name.indexOf('.') < 0 ? DEFAULT_SCHEMA + "." + name : name);
            if (v != null) {
                rows += v.rows();
                bytes += v.bytes();
            }
        }
        return new DataVolume(rows, bytes);
    }

    public double cacheHitRatio() {
        return snapshot.cacheHitRatio();
    }

    /** Reads the catalog now (also what the background thread does every period). */
    public void refresh() {
        try {
            snapshot = catalog.read();
        } catch (Exception e) {
            log.debug("Keeping the previous table volumes: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
