package io.dwpilot.persistence.access;

import java.util.List;
import java.util.stream.Stream;

/** The schemas dwpilot's migrations create: the warehouse layers users work in, and dwpilot's own. */
public final class WarehouseSchemas {
    /** The layers users query (and admins write); analysts read the configured subset. */
    public static final List<String> LAYERS = List.of("bronze", "silver", "gold", "tpch");
    /** Admins may read these (the query log, models' registry) but never write them: they are the audit trail. */
    public static final List<String> READABLE_BY_ADMIN = List.of("metadata", "ml");
    /** dwpilot's own: the audit trail, the models, the agents' journal, the ETL's functions. */
    public static final List<String> INTERNAL = Stream.of(READABLE_BY_ADMIN, List.of("journal", "etl"))
            .flatMap(List::stream)
            .toList();
    /** Everything dwpilot's migrations create. */
    public static final List<String> ALL =
            Stream.of(LAYERS, INTERNAL).flatMap(List::stream).toList();

    private WarehouseSchemas() {}
}
