package io.dwpilot.bench.indexes;

import io.dwpilot.simulator.tpch.TpchQueries;
import io.dwpilot.simulator.workload.ParameterSpace;
import io.dwpilot.simulator.workload.QueryTemplate;
import io.dwpilot.simulator.workload.RetailTemplates;
import io.dwpilot.simulator.workload.TemplateMix;
import io.dwpilot.simulator.workload.UserType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The statements each benchmark workload runs, the same for the same inputs. */
public final class BenchWorkloads {
    private BenchWorkloads() {}

    /** The 22 TPC-H queries with the specification's validation parameters, each once. */
    public static List<BenchStatement> tpch() {
        return TpchQueries.all().stream()
                .map(q -> new BenchStatement("Q" + q.number(), q.sql()))
                .toList();
    }

    /**
     * A seeded sample of the retail read templates with drawn literals: two dashboard refreshes for every analyst
     * query, templates picked by each user's mix (so a template's weight is how often it is drawn). No writes: the
     * benchmark compares read costs.
     */
    public static List<BenchStatement> retail(ParameterSpace space, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TemplateMix dashboard = new TemplateMix(UserType.DASHBOARD, RetailTemplates.all());
        TemplateMix analyst = new TemplateMix(UserType.ANALYST, RetailTemplates.all());
        List<BenchStatement> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            QueryTemplate template = (i % 3 == 2 ? analyst : dashboard).next(random);
            statements.add(new BenchStatement(template.name(), template.render(random, space)));
        }
        return statements;
    }
}
