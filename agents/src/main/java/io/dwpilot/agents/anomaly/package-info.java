/**
 * The anomaly watcher agent ({@link io.dwpilot.agents.anomaly.AnomalyWatcher}): slow executions, never-seen query
 * shapes, failure bursts and system metric spikes, stored in metadata.anomalies and journaled as decisions.
 */
package io.dwpilot.agents.anomaly;
