package io.dwpilot.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Optional WHERE criteria with bound parameters: each criterion is added only when its value is present, so that one
 * filter can serve a paginated list, a count and an aggregate alike.
 */
public final class Criteria {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code clause} (with one {@code ?}) when the value is present, binding the value as converted. */
    public <V> Criteria where(Optional<V> value, String clause, Function<V, Object> parameter) {
        value.ifPresent(v -> {
            clauses.add(clause);
            params.add(parameter.apply(v));
        });
        return this;
    }

    public <V> Criteria where(Optional<V> value, String clause) {
        return where(value, clause, v -> v);
    }

    /** Adds a clause without parameters (trusted SQL, never user text). */
    public Criteria where(String clause) {
        clauses.add(clause);
        return this;
    }

    /** {@code " WHERE a AND b"}, or nothing without criteria. */
    public String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the parameters from placeholder {@code first} on; answers the index of the next placeholder. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int index = first;
        for (Object value : params) {
            ps.setObject(index++, value);
        }
        return index;
    }
}
