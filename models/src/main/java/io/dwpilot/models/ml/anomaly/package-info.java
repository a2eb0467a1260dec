/**
 * The learned execution anomaly detector: an {@link io.dwpilot.models.ml.anomaly.IsolationForest} (our own, after
 * Liu, Ting and Zhou 2008) over {@link io.dwpilot.models.ml.anomaly.AnomalyFeatures} of an
 * {@link io.dwpilot.models.ml.anomaly.ExecutionObservation}, combined with
 * {@link io.dwpilot.models.ml.anomaly.DetectionRules} in
 * {@link io.dwpilot.models.ml.anomaly.ExecutionAnomalyDetector}, whose threshold is set on a validation set.
 */
package io.dwpilot.models.ml.anomaly;
