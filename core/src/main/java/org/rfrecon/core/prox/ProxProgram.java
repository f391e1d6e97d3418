package org.rfrecon.core.prox;

/**
 * A proximal map as TorchScript, for loops compiled into one native call ({@link
 * org.rfrecon.core.script.TorchScriptProgram}): {@code source} defines the free function
 *
 * <pre>
 *   def prox(v: Tensor, gamma: float, parameter: float) -&gt; Tensor
 * </pre>
 *
 * which returns {@code prox_{gamma R}(v)} of a complex64 {@code v} as {@link Prox#prox} does, up to
 * float32 rounding, given the map's one parameter (a soft threshold's {@code lambda}). The
 * parameter is an argument, not part of the source, so that one compiled program serves a whole
 * sweep of it.
 *
 * @param source the TorchScript source of {@code prox}
 * @param parameter the value passed as {@code parameter}
 */
public record ProxProgram(String source, double parameter) {}
