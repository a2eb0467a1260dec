package io.dwpilot.agents.learning;

/** Hears what the training pipeline is doing, e.g. to print it or to publish it on the live feed. */
@FunctionalInterface
public interface TrainingProgress {
    TrainingProgress SILENT = (model, message) -> {};

    /** {@code model} is the registry name, or {@code pipeline} for the steps every model shares. */
    void step(String model, String message);
}
