package io.dwpilot.gateway.serving;

import io.dwpilot.models.ml.anomaly.ExecutionAnomalyDetector;
import io.dwpilot.models.ml.cluster.QueryClusters;
import io.dwpilot.models.ml.cost.LearnedCostModel;
import io.dwpilot.models.ml.forecast.LearnedForecaster;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of the models dwpilot learns: its name in ml.model_registry, its algorithm, its artifact format, and how an
 * artifact is read back (throwing {@code CorruptArtifactException} when it cannot be).
 */
public record ModelKind<M>(
        String name, String option, String algorithm, String artifactFormat, Function<byte[], M> reader) {
    public static final ModelKind<LearnedCostModel> COST =
            new ModelKind<>("query_cost", "cost", "mlp", "dwpilot-mlp-v1", LearnedCostModel::fromArtifact);
    public static final ModelKind<LearnedForecaster> FORECAST = new ModelKind<>(
            "workload_forecast", "forecast", "mlp-lags", "dwpilot-mlp-v1", LearnedForecaster::fromArtifact);
    public static final ModelKind<ExecutionAnomalyDetector> ANOMALY = new ModelKind<>(
            "execution_anomaly",
            "anomaly",
            "isolation-forest",
            "dwpilot-iforest-v1",
            ExecutionAnomalyDetector::fromArtifact);
    public static final ModelKind<QueryClusters> CLUSTER =
            new ModelKind<>("query_clusters", "cluster", "k-means", "dwpilot-kmeans-v1", QueryClusters::fromArtifact);

    /** In training order: the anomaly detector reads the new cost model's residuals. */
    public static final List<ModelKind<?>> ALL = List.of(COST, FORECAST, ANOMALY, CLUSTER);

    /** The kind with this registry name or command-line option ({@code cost}, {@code forecast}, ...). */
    public static Optional<ModelKind<?>> named(String nameOrOption) {
        return ALL.stream()
                .filter(k -> k.name.equals(nameOrOption) || k.option.equals(nameOrOption))
                .findFirst();
    }

    public M read(byte[] artifact) {
        return reader.apply(artifact);
    }
}
