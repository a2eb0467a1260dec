package io.dwpilot.persistence.ml;

/**
 * How close predicted times came to measured ones. The q-error of one execution is max(p/a, a/p) (1 is perfect);
 * the mean absolute log error is the mean of |ln p - ln a|, i.e. of ln(q-error). NaN when {@code n} is 0.
 */
public record Accuracy(long n, double qErrorMedian, double qErrorP90, double qErrorP95, double meanAbsLogError) {}
