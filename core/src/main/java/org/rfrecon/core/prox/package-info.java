/**
 * Proximal maps and projections on complex tensors: complex soft threshold (l1), isotropic complex
 * total variation (2D and per slice), modulus box and L2 ball. Batched, on any device.
 */
package org.rfrecon.core.prox;
