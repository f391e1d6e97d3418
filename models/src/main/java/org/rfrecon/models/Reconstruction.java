package org.rfrecon.models;

import org.rfrecon.datasets.npy.HostArray;

/**
 * The output of an rfrecon model's {@link ai.djl.inference.Predictor}: the reconstructed complex
 * scene on the host, complex64, in the scene shape of the geometry.
 *
 * @param x the complex scene, (N2, N1) or (N3, N2, N1)
 */
public record Reconstruction(HostArray x) {}
