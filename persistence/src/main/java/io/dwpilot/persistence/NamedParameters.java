package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL with {@code :name} placeholders (a cast's {@code ::type} is left alone), for statements that use one value in
 * many places: each occurrence becomes a {@code ?} bound to the value set for its name.
 */
public final class NamedParameters {
    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([A-Za-z]\\w*)");

    private final String sql;
    private final List<String> order = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();

    public NamedParameters(String sql) {
        Matcher m = NAME.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            order.add(m.group(1));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        this.sql = out.toString();
    }

    public NamedParameters set(String name, Object value) {
        if (!order.contains(name)) {
            throw new IllegalArgumentException("the statement has no parameter :" + name);
        }
        values.put(name, value);
        return this;
    }

    /** The statement with every parameter bound. */
    public PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < order.size(); i++) {
                String name = order.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalStateException("no value for the parameter :" + name);
                }
                ps.setObject(i + 1, values.get(name));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
