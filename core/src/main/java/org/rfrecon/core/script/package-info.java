/**
 * Whole loops compiled once and run as one native call: TorchScript programs that rfrecon writes
 * itself (source text in Java, packed into a TorchScript archive in memory and loaded through DJL's
 * {@code PtSymbolBlock}), so that an algorithm's iterations run in libtorch's interpreter instead
 * of crossing JNI once per tensor operation. {@link org.rfrecon.core.script.TorchScriptProgram} is
 * the entry point; the solvers decide when a program may replace their Java loop.
 */
package org.rfrecon.core.script;
