/**
 * Image-quality metrics of SPEC §6 — NMSE (dB), PSNR and SSIM — as plain static functions on
 * complex tensors ({@link org.rfrecon.training.metric.ImageMetrics}) and as DJL {@link
 * ai.djl.training.evaluator.Evaluator}s on channel-first {@code (B, 2, ...)} pair arrays, usable by
 * a DJL Trainer ({@link org.rfrecon.training.metric.NmseEvaluator}, {@link
 * org.rfrecon.training.metric.PsnrEvaluator}, {@link org.rfrecon.training.metric.SsimEvaluator}).
 */
package org.rfrecon.training.metric;
