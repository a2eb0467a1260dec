/**
 * The learning loop's store: logged executions and their features read back by workload time, the labels of injected
 * anomalies, the online accuracy of the cost predictions, the training runs and the versioned model registry.
 */
package io.dwpilot.persistence.ml;
