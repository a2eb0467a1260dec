package io.dwpilot.simulator.workload;

import java.util.SplittableRandom;

/** One kind of statement a warehouse user sends; each render draws fresh literal parameters. */
public interface QueryTemplate {
    /** Stable snake_case name, for logs and per-template statistics. */
    String name();

    Complexity complexity();

    /** One ready-to-run PostgreSQL statement with every parameter inlined as a literal. */
    String render(SplittableRandom random, ParameterSpace space);
}
