package io.dwpilot.models.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

/**
 * The names one query block can see: its FROM items, the CTEs declared for it, and everything its enclosing blocks
 * see (correlated subqueries). Resolves a column to the FROM item it belongs to, as far as the text tells.
 */
final class Scope {
    /** A FROM item: the name the query refers to it by, and its base table (null for derived tables and CTEs). */
    record Source(String name, String table) {
        String displayName() {
            return table != null ? table : name;
        }
    }

    private final Scope parent;
    private final List<Source> sources = new ArrayList<>();
    private final Map<String, Source> byName = new HashMap<>();
    private final Set<String> ctes = new HashSet<>();

    private Scope(Scope parent) {
        this.parent = parent;
    }

    static Scope root() {
        return new Scope(null);
    }

    Scope child() {
        return new Scope(this);
    }

    Scope parentOrSelf() {
        return parent != null ? parent : this;
    }

    void declareCte(String name) {
        ctes.add(name);
    }

    boolean isCte(String name) {
        return ctes.contains(name) || (parent != null && parent.isCte(name));
    }

    /** Adds a FROM item known by the given names (its alias, or its qualified and bare table name). */
    Source add(Source source, Collection<String> names) {
        sources.add(source);
        names.forEach(name -> byName.putIfAbsent(name, source));
        return source;
    }

    List<Source> sources() {
        return List.copyOf(sources);
    }

    /**
     * The FROM item a column belongs to, or null when the text does not tell. An unqualified column belongs to the
     * only FROM item of its block, even when it could be an outer column: without a catalog the inner one is the
     * better guess.
     */
    Source resolve(Column column) {
        return resolve(column.getTable());
    }

    /** The FROM item a qualifier ({@code n1} in {@code n1.n_name} or {@code n1.*}) names; null means unqualified. */
    Source resolve(Table qualifier) {
        if (qualifier == null
                || qualifier.getName() == null
                || qualifier.getName().isEmpty()) {
            return unqualified();
        }
        return lookup(Identifiers.qualifiedName(qualifier));
    }

    private Source unqualified() {
        if (sources.size() == 1) {
            return sources.get(0);
        }
        return sources.isEmpty() && parent != null ? parent.unqualified() : null;
    }

    private Source lookup(String name) {
        Source source = byName.get(name);
        if (source != null) {
            return source;
        }
        return parent != null ? parent.lookup(name) : null;
    }
}
