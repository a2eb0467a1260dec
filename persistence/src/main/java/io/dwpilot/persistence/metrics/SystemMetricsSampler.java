package io.dwpilot.persistence.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Takes samples of host load (OSHI) and PostgreSQL activity. Rates (disk, transactions) and the interval cache hit
 * ratio are differences to the previous sample this instance took, so the first sample reports them as null; the CPU
 * load is measured since the previous sample (or since construction for the first one). Host counters the platform
 * does not offer are null rather than failures. Thread-safe: samples are taken one at a time.
 */
public final class SystemMetricsSampler {
    private static final Logger log = LoggerFactory.getLogger(SystemMetricsSampler.class);

    private static final String DATABASE_SQL = """
            SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
                   (SELECT count(*) FROM pg_stat_activity
                     WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()),
                   (SELECT count(*) FROM pg_locks WHERE NOT granted),
                   d.blks_hit, d.blks_read, d.xact_commit + d.xact_rollback
            FROM pg_stat_database d
            WHERE d.datname = current_database()""";

    private final DataSource dataSource;
    private final Clock clock;
    private final Host host;
    private Counters previous;

    /** Samples the database behind dataSource (the system pool is the right one: sampling is not a user query). */
    public SystemMetricsSampler(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public SystemMetricsSampler(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.host = Host.open();
    }

    public SystemSample sample(Integer queryPoolSize, Integer queueLength) throws SQLException {
        return sample(queryPoolSize, queueLength, Optional.empty());
    }

    /** Takes one sample; queryPoolSize and queueLength come from the caller (null when unknown). */
    public synchronized SystemSample sample(Integer queryPoolSize, Integer queueLength, Optional<Instant> simulatedAt)
            throws SQLException {
        long nanos = System.nanoTime();
        Instant at = clock.instant();
        HostReading h = host.read();

        int connections;
        int active;
        int locksWaiting;
        long blksHit;
        long blksRead;
        long xacts;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(DATABASE_SQL)) {
            if (!rs.next()) {
                throw new SQLException("pg_stat_database has no row for the current database");
            }
            connections = rs.getInt(1);
            active = rs.getInt(2);
            locksWaiting = rs.getInt(3);
            blksHit = rs.getLong(4);
            blksRead = rs.getLong(5);
            xacts = rs.getLong(6);
        }

        Counters now = new Counters(nanos, blksHit, blksRead, xacts, h.disk());
        Double cacheHit = ratio(blksHit, blksRead);
        Double tps = null;
        Double io = null;
        Double readRate = null;
        Double writeRate = null;
        if (previous != null) {
            double seconds = (nanos - previous.nanos()) / 1e9;
            Double interval = ratio(blksHit - previous.blksHit(), blksRead - previous.blksRead());
            if (interval != null && blksHit >= previous.blksHit() && blksRead >= previous.blksRead()) {
                cacheHit = interval;
            }
            if (seconds > 0) {
                tps = Math.max(0, xacts - previous.xacts()) / seconds;
                if (h.disk() != null && previous.disk() != null) {
                    DiskTotals d = h.disk();
                    DiskTotals p = previous.disk();
                    io = (Math.max(0, d.reads() - p.reads()) + Math.max(0, d.writes() - p.writes())) / seconds;
                    readRate = Math.max(0, d.readBytes() - p.readBytes()) / seconds;
                    writeRate = Math.max(0, d.writeBytes() - p.writeBytes()) / seconds;
                }
            }
        }
        previous = now;
        return new SystemSample(
                at,
                h.cpu(),
                h.memory(),
                io,
                readRate,
                writeRate,
                connections,
                active,
                cacheHit,
                tps,
                locksWaiting,
                queryPoolSize,
                queueLength,
                simulatedAt);
    }

    private static Double ratio(long hit, long read) {
        long total = hit + read;
        return total > 0 && hit >= 0 && read >= 0 ? (double) hit / total : null;
    }

    private record Counters(long nanos, long blksHit, long blksRead, long xacts, DiskTotals disk) {}

    private record DiskTotals(long reads, long writes, long readBytes, long writeBytes) {}

    private record HostReading(Double cpu, Double memory, DiskTotals disk) {}

    /** The OSHI side; every reading degrades to null if the platform refuses it. */
    private static final class Host {
        private final HardwareAbstractionLayer hardware;
        private long[] ticks;

        private Host(HardwareAbstractionLayer hardware) {
            this.hardware = hardware;
            this.ticks = hardware == null ? null : safeTicks(hardware);
        }

        static Host open() {
            try {
                return new Host(new SystemInfo().getHardware());
            } catch (Throwable e) { // OSHI needs JNA and a supported OS; without them there are no host metrics
                log.warn("Host metrics unavailable: {}", e.toString());
                return new Host(null);
            }
        }

        HostReading read() {
            if (hardware == null) {
                return new HostReading(null, null, null);
            }
            return new HostReading(cpu(), memory(), disk());
        }

        private Double cpu() {
            try {
                CentralProcessor processor = hardware.getProcessor();
                if (ticks == null) {
                    ticks = processor.getSystemCpuLoadTicks();
                    return null;
                }
                double load = processor.getSystemCpuLoadBetweenTicks(ticks);
                ticks = processor.getSystemCpuLoadTicks();
                return Double.isFinite(load) ? clamp(load) : null;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        private Double memory() {
            try {
                GlobalMemory memory = hardware.getMemory();
                long total = memory.getTotal();
                return total > 0 ? clamp(1.0 - (double) memory.getAvailable() / total) : null;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        private DiskTotals disk() {
            try {
                List<HWDiskStore> disks = hardware.getDiskStores();
                long reads = 0;
                long writes = 0;
                long readBytes = 0;
                long writeBytes = 0;
                for (HWDiskStore d : disks) {
                    reads += d.getReads();
                    writes += d.getWrites();
                    readBytes += d.getReadBytes();
                    writeBytes += d.getWriteBytes();
                }
                return new DiskTotals(reads, writes, readBytes, writeBytes);
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        private static long[] safeTicks(HardwareAbstractionLayer hardware) {
            try {
                return hardware.getProcessor().getSystemCpuLoadTicks();
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        private static double clamp(double v) {
            return Math.max(0.0, Math.min(1.0, v));
        }
    }
}
