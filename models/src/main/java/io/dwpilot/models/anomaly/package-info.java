/**
 * Anomaly detection baselines: {@link io.dwpilot.models.anomaly.RobustNorm} (median and MAD over a bounded window),
 * {@link io.dwpilot.models.anomaly.SlowExecutionDetector} (an execution far slower than its fingerprint's norm),
 * {@link io.dwpilot.models.anomaly.BurstDetector} (too many failures in a sliding time window) and
 * {@link io.dwpilot.models.anomaly.MetricSpikeDetector} (a system metric far above its recent norm). Time is always
 * given by the caller, so tests and replays use a fake clock. The classes keep mutable state and are not
 * thread-safe: each is meant to be owned by one actor.
 */
package io.dwpilot.models.anomaly;
