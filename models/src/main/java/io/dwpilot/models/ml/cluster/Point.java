package io.dwpilot.models.ml.cluster;

/** A statement shape on the dashboard's scatter plot: its cluster and its first two principal components. */
public record Point(String fingerprint, int cluster, double x, double y) {}
