/**
 * Ablation grids: one variant of a base training configuration per row, each run with the same
 * budget and seeds ({@link org.rfrecon.training.ablation.Ablation}), results kept in an atomic,
 * resumable {@code results.csv} and summarised in {@code results.md} and plots. Runs execute one
 * after another or as tasks of a cluster ({@link org.rfrecon.training.ablation.RunExecutor}).
 */
package org.rfrecon.training.ablation;
