/**
 * Learned models and what they share: the feature schema and vector every model reads, and the checksummed binary
 * frame of their artifacts ({@link io.dwpilot.models.ml.ArtifactFormat}) with its error. Sub-packages hold the
 * features of an execution, the cost predictor, the learned workload forecaster, the execution anomaly detector and
 * the query clustering.
 */
package io.dwpilot.models.ml;
