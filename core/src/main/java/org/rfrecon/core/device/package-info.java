/** Choosing the DJL device a computation runs on. */
package org.rfrecon.core.device;
