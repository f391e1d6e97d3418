/**
 * Names of constants: {@link org.rfrecon.core.naming.Named}, the one rule by which an enum's
 * constants are spelled on the command line and in files (presets, physics, scene kinds, the
 * network's and the run's kinds) and looked up again; and {@link org.rfrecon.core.naming.Messages},
 * the one-line text of a library's message in rfrecon's errors.
 */
package org.rfrecon.core.naming;
