package io.dwpilot.simulator.workload;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A template as data: its name, its complexity and a function from one render's draws to the statement. */
record Template(String name, Complexity complexity, Function<Draw, String> sql) implements QueryTemplate {
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    Template {
        if (!SNAKE_CASE.matcher(name).matches()) {
            throw new IllegalArgumentException("template names are snake_case, not " + name);
        }
    }

    @Override
    public String render(SplittableRandom random, ParameterSpace space) {
        return sql.apply(new Draw(random, space)).strip();
    }
}
