package org.rfrecon.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.unrolled.Architecture;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Between a network and its manifest: the architecture JSON a model records (with {@code norm_a2},
 * the operator norm the learned penalties are measured in, so a reloaded network computes bit for
 * bit what was trained), and the network rebuilt from it.
 */
public final class Networks {

    private Networks() {}

    /** The architecture JSON of {@code net} for {@code model.json}. */
    public static JsonObject architecture(UnrolledAdmm net) {
        JsonObject a = net.architecture().toJson();
        a.addProperty("norm_a2", net.normA2());
        return a;
    }

    /**
     * The network of {@code manifest}, ready to receive its parameters.
     *
     * @throws IllegalArgumentException if the architecture is malformed or unknown
     */
    public static Block build(ModelManifest manifest, NDManager manager) {
        return build(manifest, manager, null);
    }

    /**
     * The network of {@code manifest} running on {@code physics} (the operator of the data it will
     * see, e.g. a simulation file's stored factors; the caller keeps and closes it), or on the
     * Fresnel operator of the manifest's geometry when {@code physics} is null. {@code norm_a2}
     * stays the trained value, so rho is what training saw.
     *
     * @throws IllegalArgumentException if the architecture is malformed or unknown
     */
    public static Block build(ModelManifest manifest, NDManager manager, SensingModel physics) {
        JsonObject a = manifest.architecture();
        UnrolledAdmm.Builder b = UnrolledAdmm.builder();
        if (physics == null) {
            b.setGeometry(manifest.geometry());
        } else {
            b.setSensingModel(physics);
        }
        b.setArchitecture(Architecture.fromJson(a));
        if (a.has("norm_a2")) {
            b.optNormA2(a.get("norm_a2").getAsDouble());
        }
        UnrolledAdmm net = b.build();
        net.initialize(manager, net.dataType(), net.inputShape(1));
        return net;
    }

    /** The dtype the network computes in. */
    static DataType dataType(ModelManifest manifest) {
        return Architecture.fromJson(manifest.architecture()).precision();
    }
}
