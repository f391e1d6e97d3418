/**
 * Complex tensors as pairs of real DJL arrays, so that autograd flows through every operation, and
 * the complex matrix-product kernels rfrecon measures and chooses between.
 */
package org.rfrecon.core.complex;
