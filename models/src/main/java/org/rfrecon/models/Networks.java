package org.rfrecon.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;

/**
 * Rebuilds the network a manifest describes (its architecture and geometry), ready to receive its
 * parameters.
 */
final class Networks {

    private Networks() {}

    /** The network of {@code manifest}, its structure built in {@code manager}. */
    static Block build(ModelManifest manifest, NDManager manager) {
        throw new IllegalArgumentException(
                "architecture "
                        + manifest.architecture()
                        + " cannot be rebuilt yet: the unrolled network is not merged (issue 6)");
    }

    /** The dtype the network computes in. */
    static DataType dataType(ModelManifest manifest) {
        return manifest.architecture().has("precision")
                        && "float64".equals(manifest.architecture().get("precision").getAsString())
                ? DataType.FLOAT64
                : DataType.FLOAT32;
    }
}
