/**
 * Statistical baselines for query-arrival forecasting: {@link io.dwpilot.models.forecast.SeasonalNaive},
 * additive {@link io.dwpilot.models.forecast.HoltWinters} and a {@link io.dwpilot.models.forecast.ForecastSelector}
 * that picks, per series, the candidate with the lowest error on the most recent holdout window.
 *
 * <p>A history is the number of query arrivals per 5-minute bucket, oldest first: 288 buckets per day
 * ({@link io.dwpilot.models.forecast.Forecaster#BUCKETS_PER_DAY}), 2016 per week. Zeros are ordinary values.
 * Forecasts are arrival counts and therefore never negative (negative model output is clamped to 0).
 * Everything here is pure and deterministic; forecasters and fitted models are immutable and may be shared.
 */
package io.dwpilot.models.forecast;
