/**
 * The health score of the dashboard: a handful of components (success rate, latency against its baseline, host and
 * database load, waiting locks, unacknowledged anomalies), each scored 0..100 by a {@link
 * io.dwpilot.models.health.ComponentRule} and weighed into one score by {@link io.dwpilot.models.health.HealthScorer}.
 *
 * <p>A rule knows the ideal value of its component and two thresholds, warning and critical. The score is 100 at the
 * ideal value (and anywhere better), 80 at the warning threshold, 50 at the critical one, and keeps falling beyond it
 * at the slope it had between the two thresholds until it reaches 0; between these anchors it is linear, so the score
 * moves continuously with the value and a component's status (ok below warning, warning, critical from critical on)
 * is always the band its score lies in. The overall score is the weighted mean of the components that could be
 * measured: healthy from 80, degraded from 50, critical below. Everything here is pure and deterministic.
 */
package io.dwpilot.models.health;
