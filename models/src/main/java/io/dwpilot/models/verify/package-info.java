/**
 * Verification of an applied change (an index) on real executions: did the queries it was meant to help get faster,
 * and did nothing else on the table get slower?
 *
 * <p>{@link io.dwpilot.models.verify.ChangeVerifier} compares, per fingerprint, the latencies measured before the
 * change with those measured after it ({@link io.dwpilot.models.verify.LatencySample}), with a one-sided
 * Mann-Whitney U test (centre: the median) or a one-sided Welch t-test (centre: the mean) from Apache Commons
 * Statistics, as {@link io.dwpilot.models.verify.VerificationSettings} chooses. The <em>affected</em> fingerprints
 * (those the change should help) are tested for "after is faster"; every fingerprint (the <em>others</em> touching the
 * table, and the affected ones too) is tested for "after is slower", the regression guard.
 *
 * <p>The rules, in the order they are applied (the first that matches decides):
 * <ol>
 *   <li><b>REVERT</b> when a fingerprint with enough samples got significantly slower (one-sided p &lt; alpha) by
 *       more than the regression tolerance (relative to its centre before). A measured regression is reason enough
 *       to drop the change even while the affected queries have not run often enough to judge the gain.</li>
 *   <li><b>INCONCLUSIVE</b> when no affected fingerprint has at least the minimum number of samples on both sides:
 *       wait for more executions.</li>
 *   <li><b>REVERT</b> when no affected fingerprint with enough samples shows a significant gain (one-sided p &lt;
 *       alpha) of at least the minimum gain: the change did not help.</li>
 *   <li><b>REVERT</b> when the weighted gain (the relative gains of the affected fingerprints with enough samples,
 *       weighted by how often each runs) stays below the minimum gain: the help is too small for the workload.</li>
 *   <li><b>KEEP</b> otherwise: the weighted gain reaches the minimum, at least one affected fingerprint gained
 *       significantly, and nothing regressed.</li>
 * </ol>
 * Fingerprints with too few samples on a side are reported but take part in no rule. Everything here is pure and
 * deterministic.
 */
package io.dwpilot.models.verify;
