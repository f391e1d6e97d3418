/**
 * Matrix-free linear operators: the {@link org.rfrecon.core.operator.LinearOperator} contract, its
 * checked base class, composites, and the RF sensing operators (Kronecker 2D, volume 3D, dense,
 * exact spherical-wave, per-subcarrier loop), one per file.
 */
package org.rfrecon.core.operator;
