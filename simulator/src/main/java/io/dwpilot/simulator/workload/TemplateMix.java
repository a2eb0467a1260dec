package io.dwpilot.simulator.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Picks the next template for one kind of user: a complexity by the user's shares, then a template of that
 * complexity uniformly, so the shares hold however many templates each complexity has. Deterministic for a random.
 */
public final class TemplateMix {
    private final List<QueryTemplate> templates;
    private final double[] cumulative;

    public TemplateMix(UserType user, List<QueryTemplate> templates) {
        Map<Complexity, Long> counts = new EnumMap<>(Complexity.class);
        templates.forEach(t -> counts.merge(t.complexity(), 1L, Long::sum));
        List<QueryTemplate> chosen = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (QueryTemplate template : templates) {
            double share = user.share(template.complexity());
            if (share > 0) {
                chosen.add(template);
                weights.add(share / counts.get(template.complexity()));
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("none of the templates suits a " + user + " user");
        }
        this.templates = List.copyOf(chosen);
        this.cumulative = new double[weights.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** The retail templates, plus the TPC-H ones when TPC-H is loaded. */
    public static TemplateMix forSpace(UserType user, ParameterSpace space) {
        List<QueryTemplate> templates = space.tpchLoaded()
                ? Stream.concat(RetailTemplates.all().stream(), TpchTemplates.all().stream())
                        .toList()
                : RetailTemplates.all();
        return new TemplateMix(user, templates);
    }

    /** The templates this mix can pick, in the order given. */
    public List<QueryTemplate> templates() {
        return templates;
    }

    public QueryTemplate next(SplittableRandom random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return templates.get(Math.min(index < 0 ? -index - 1 : index + 1, templates.size() - 1));
    }
}
