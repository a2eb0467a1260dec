/**
 * Query clustering for the dashboard: {@link io.dwpilot.models.ml.cluster.QueryClustering} groups
 * {@link io.dwpilot.models.ml.cluster.QueryProfile}s by k-means on standardized features, choosing k by the mean
 * silhouette, and {@link io.dwpilot.models.ml.cluster.QueryClusters} holds the result with a 2-D principal-component
 * projection for the scatter plot.
 */
package io.dwpilot.models.ml.cluster;
