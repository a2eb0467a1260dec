package io.dwpilot.gateway;

import io.dwpilot.persistence.access.DatabaseRole;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a caller of the API is: analysts and operators read (under the analyst database role), admins may also write
 * and change the schema and use the admin-only API, and the workload simulator writes its workload (under the admin
 * database role) stamped with its simulated clock. Who views the whole workload is configured per role.
 */
public enum Role {
    ANALYST(DatabaseRole.ANALYST),
    /** An analyst who watches the workload: everyone's statements, the live feed, the statistics. */
    OPERATOR(DatabaseRole.ANALYST),
    ADMIN(DatabaseRole.ADMIN),
    /** The workload simulator's token. */
    SIMULATOR(DatabaseRole.ADMIN);

    private final DatabaseRole databaseRole;

    Role(DatabaseRole databaseRole) {
        this.databaseRole = databaseRole;
    }

    public DatabaseRole databaseRole() {
        return databaseRole;
    }

    /** The name in configuration, in the query log ({@code user_role}) and in the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown name, naming the known ones */
    public static Role parse(String label) {
        return Arrays.stream(values())
                .filter(r -> r.label().equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + label + "': use one of "
                        + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "))));
    }
}
