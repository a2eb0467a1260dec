package io.dwpilot.persistence.access;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one session of a users' role may take from the server, set on the role itself ({@code ALTER ROLE ... SET}):
 * {@code temp_file_limit}, the temporary files one session may hold at once (a sort or hash that spills beyond it
 * fails with SQLSTATE 53400; only a superuser may set or raise it, so users cannot lift it), and {@code work_mem}, the
 * memory a sort or hash takes before it spills (the session's default; the heavy lane sets its own per statement).
 * Role settings are the sessions' defaults, so the reset after each request returns to them. Empty: the server's
 * setting (the role carries none). Sizes are written as PostgreSQL reads them: a whole number with kB, MB, GB or TB
 * (units of 1024), a bare number meaning kB.
 */
public record RoleLimits(Optional<String> tempFileLimit, Optional<String> workMem) {
    private static final String TEMP_FILE_LIMIT = "temp_file_limit";
    private static final String WORK_MEM = "work_mem";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(kB|MB|GB|TB)?");
    private static final long MAX_KB = Integer.MAX_VALUE; // both settings are int kB in PostgreSQL
    private static final long MIN_WORK_MEM_KB = 64;

    public RoleLimits {
        tempFileLimit = tempFileLimit.map(String::strip).filter(s -> !s.isEmpty());
        workMem = workMem.map(String::strip).filter(s -> !s.isEmpty());
        tempFileLimit.ifPresent(s -> checkedKb(TEMP_FILE_LIMIT, s, 1));
        workMem.ifPresent(s -> checkedKb(WORK_MEM, s, MIN_WORK_MEM_KB));
    }

    /** The server's settings: the role carries none. */
    public static RoleLimits none() {
        return new RoleLimits(Optional.empty(), Optional.empty());
    }

    /** Reads a section with {@code temp-file-limit} and {@code work-mem} (empty strings: the server's). */
    static RoleLimits fromConfig(Config section) {
        return new RoleLimits(
                Optional.of(section.getString("temp-file-limit")), Optional.of(section.getString("work-mem")));
    }

    public RoleLimits withTempFileLimit(String size) {
        return new RoleLimits(Optional.of(size), workMem);
    }

    public RoleLimits withWorkMem(String size) {
        return new RoleLimits(tempFileLimit, Optional.of(size));
    }

    /** The statements that give {@code role} exactly these settings: SET where one is wanted, RESET where not. */
    List<String> statements(String role) {
        List<String> sql = new ArrayList<>();
        wanted().forEach((name, value) -> sql.add("ALTER ROLE " + role
                + value.map(v -> " SET " + name + " = " + RoleSetup.literal(v)).orElse(" RESET " + name)));
        return sql;
    }

    /**
     * How the role's stored settings ({@code pg_roles.rolconfig}, "name=value" entries) differ from these, one
     * sentence each; empty when they match (sizes compared by value, so "1GB" matches "1048576").
     */
    List<String> differences(String role, List<String> rolconfig) {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String entry : rolconfig) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                actual.put(entry.substring(0, eq).toLowerCase(Locale.ROOT), entry.substring(eq + 1));
            }
        }
        List<String> problems = new ArrayList<>();
        wanted().forEach((name, value) -> {
            String has = actual.get(name);
            if (value.isEmpty() && has != null) {
                problems.add(role + " has " + name + " = " + has + " where dwpilot wants the server's");
            } else if (value.isPresent() && has == null) {
                problems.add(role + " has no " + name + " where dwpilot wants " + value.get());
            } else if (value.isPresent() && !sameSize(value.get(), has)) {
                problems.add(role + " has " + name + " = " + has + " where dwpilot wants " + value.get());
            }
        });
        return problems;
    }

    private Map<String, Optional<String>> wanted() {
        Map<String, Optional<String>> wanted = new LinkedHashMap<>();
        wanted.put(TEMP_FILE_LIMIT, tempFileLimit);
        wanted.put(WORK_MEM, workMem);
        return wanted;
    }

    private static boolean sameSize(String wanted, String stored) {
        OptionalLong has = kb(stored);
        return has.isPresent() && has.equals(kb(wanted));
    }

    private static void checkedKb(String name, String size, long minKb) {
        long kb = kb(size).orElseThrow(
                        () -> new IllegalArgumentException("dwpilot.security.limits: " + name + " '" + size
                                + "' is not a size PostgreSQL reads (a whole number with kB, MB, GB or TB, e.g. 1GB; empty"
                                + " for the server's)"));
        if (kb < minKb || kb > MAX_KB) {
            throw new IllegalArgumentException("dwpilot.security.limits: " + name + " '" + size + "' is outside "
                    + minKb + "kB .. " + MAX_KB + "kB, what PostgreSQL accepts");
        }
    }

    /** The size in kB, as PostgreSQL reads it; empty when it is no size. */
    private static OptionalLong kb(String size) {
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String unit = m.group(2) == null ? "kB" : m.group(2);
        int shift = switch (unit) {
            case "MB" -> 10;
            case "GB" -> 20;
            case "TB" -> 30;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        return OptionalLong.of(n > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : n << shift);
    }
}
