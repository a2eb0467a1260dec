package io.dwpilot.simulator.workload;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces literal tokens of a statement in one pass, so a value drawn for one token (say a nation swapped for
 * another) is never replaced again by a later token. Every occurrence of a token gets the same value.
 */
final class TokenSubstitution {
    private TokenSubstitution() {}

    static String apply(String text, Map<String, String> values) {
        // Longest first, so that no token wins over a longer one starting at the same place.
        Pattern tokens = Pattern.compile(values.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
        Matcher matcher = tokens.matcher(text);
        StringBuilder out = new StringBuilder();
        Set<String> found = new HashSet<>();
        while (matcher.find()) {
            found.add(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group())));
        }
        matcher.appendTail(out);
        if (!found.equals(values.keySet())) {
            Set<String> missing = new HashSet<>(values.keySet());
            missing.removeAll(found);
            throw new IllegalStateException("tokens not in the statement: " + missing);
        }
        return out.toString();
    }
}
