/**
 * Learned regularizers for the unrolled ADMM z-step: a learned complex soft threshold, a residual
 * CNN denoiser on (real, imaginary) channels and a phase-equivariant magnitude mask (the layers of
 * each CNN a {@link org.rfrecon.unrolled.regularizer.ConvStack}), per stage or shared.
 */
package org.rfrecon.unrolled.regularizer;
