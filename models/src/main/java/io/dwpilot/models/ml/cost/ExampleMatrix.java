package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.FeatureSchema;
import io.dwpilot.models.ml.features.LatencyHistory;
import java.util.List;

/** Examples as the network reads them: one schema, a matrix of features and log-millisecond targets. */
record ExampleMatrix(FeatureSchema schema, float[][] x, float[] y) {
    static ExampleMatrix of(List<CostExample> examples, String what) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " examples");
        }
        FeatureSchema schema = examples.get(0).features().schema();
        float[][] x = new float[examples.size()][];
        float[] y = new float[examples.size()];
        for (int i = 0; i < x.length; i++) {
            CostExample example = examples.get(i);
            if (!example.features().schema().equals(schema)) {
                throw new IllegalArgumentException(what + " example " + i + " has feature schema version "
                        + example.features().schema().version() + ", the first has version " + schema.version());
            }
            x[i] = example.features().values();
            y[i] = (float) LatencyHistory.logMs(example.actualMs());
        }
        return new ExampleMatrix(schema, x, y);
    }

    static double medianMs(List<CostExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to fit on");
        }
        return Percentiles.median(
                examples.stream().mapToDouble(CostExample::actualMs).toArray());
    }
}
