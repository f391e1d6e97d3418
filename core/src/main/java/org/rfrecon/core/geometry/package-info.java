/**
 * RF geometry and physics: the presets of SPEC §5, the Fresnel Kronecker factors of SPEC §1 and
 * storage estimates. The derivation and validity limits are in docs/physics.md.
 */
package org.rfrecon.core.geometry;
