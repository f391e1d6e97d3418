/**
 * Training of unrolled networks: the configuration ({@link org.rfrecon.training.TrainConfig}), the
 * trainer ({@link org.rfrecon.training.ReconTrainer}) with its checkpoints, resume and divergence
 * stop, the complex losses, the data-parallel reconstructor over several devices, and the classical
 * baselines a trained network is compared with on held-out data. Metrics live in {@code
 * training.metric}, ablation grids in {@code training.ablation}.
 */
package org.rfrecon.training;
