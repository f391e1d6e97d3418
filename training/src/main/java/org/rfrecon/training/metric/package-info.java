/**
 * Image-quality metrics of SPEC §6 — NMSE (dB), PSNR and SSIM — as plain static functions on
 * complex tensors ({@link org.rfrecon.training.metric.ImageMetrics}) and as DJL {@link
 * ai.djl.training.evaluator.Evaluator}s on channel-first {@code (B, 2, ...)} pair arrays, usable by
 * a DJL Trainer ({@link org.rfrecon.training.metric.PairMetricEvaluator}); {@link
 * org.rfrecon.training.metric.Quality} carries the three together.
 */
package org.rfrecon.training.metric;
