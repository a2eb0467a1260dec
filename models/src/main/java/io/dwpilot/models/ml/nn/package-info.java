/**
 * Small fully connected networks: trained with DJL on PyTorch's CPU engine
 * ({@link io.dwpilot.models.ml.nn.MlpTrainer}), served by a plain-Java forward pass
 * ({@link io.dwpilot.models.ml.nn.DenseNetwork}) so that a prediction never loads the native engine, and stored in
 * a small checksummed binary format ({@link io.dwpilot.models.ml.ArtifactFormat}).
 */
package io.dwpilot.models.ml.nn;
