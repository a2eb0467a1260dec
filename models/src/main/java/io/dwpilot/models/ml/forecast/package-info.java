/**
 * The learned workload forecaster ({@link io.dwpilot.models.ml.forecast.LearnedForecaster}) and its walk-forward
 * comparison with the statistical baselines of {@code io.dwpilot.models.forecast}
 * ({@link io.dwpilot.models.ml.forecast.ForecastComparison}).
 */
package io.dwpilot.models.ml.forecast;
