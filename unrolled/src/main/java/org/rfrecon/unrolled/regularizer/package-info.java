/**
 * Learned regularizers for the unrolled ADMM z-step: a learned complex soft threshold and a
 * residual CNN denoiser on (real, imaginary) channels, per stage or shared.
 */
package org.rfrecon.unrolled.regularizer;
