/** Image-quality metrics of SPEC §6 (NMSE, PSNR, SSIM), batched on the device. */
package org.rfrecon.training.metric;
