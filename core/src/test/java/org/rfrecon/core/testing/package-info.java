/**
 * The shared operator contract (dot test, batch consistency, dense comparison) and host reference
 * arithmetic, published in core's test jar for every module's tests.
 */
package org.rfrecon.core.testing;
