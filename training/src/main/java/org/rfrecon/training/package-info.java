/**
 * Training of unrolled networks: the typed configuration ({@link org.rfrecon.training.TrainConfig}
 * of {@link org.rfrecon.training.DataSpec}, the network's architecture, {@link
 * org.rfrecon.training.Initialisation} and {@link org.rfrecon.training.Optimisation}), the trainer
 * ({@link org.rfrecon.training.ReconTrainer}) with exact resume and its {@link
 * org.rfrecon.training.TrainingListener}s (checkpoints, metrics.csv, the divergence stop, the
 * memory probe: {@link org.rfrecon.training.TrainingListeners}), the complex losses, the
 * data-parallel reconstructor over several devices, and the classical baselines a trained network
 * is compared with on held-out data. Metrics live in {@code training.metric}, ablation grids in
 * {@code training.ablation}, held-out evaluation in {@code training.evaluation}.
 */
package org.rfrecon.training;
