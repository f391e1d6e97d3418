/**
 * Held-out evaluation: classical solvers and trained networks run scene by scene on the same files,
 * each scored by NMSE, PSNR and SSIM (SPEC §6) with mean and spread and the time per scene; tables
 * in Markdown, CSV and JSON and a figure grid ({@link org.rfrecon.training.evaluation.Evaluation}).
 */
package org.rfrecon.training.evaluation;
