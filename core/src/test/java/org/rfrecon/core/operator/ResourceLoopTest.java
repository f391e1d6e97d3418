package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.FreshDraws;

/**
 * A long loop of operator applications inside per-iteration sub-managers leaves no array behind:
 * the ownership rule of {@link ComplexTensor} keeps native memory flat.
 */
@ExtendWith(FreshDraws.class)
class ResourceLoopTest {

    @Test
    void operatorLoopDoesNotGrowManagedArrays(Random rng, NDManager root) {
        LinearOperator a = Volume3D.of(Preset.TINY_3D.geometry(), root, DataType.FLOAT32);
        ComplexTensor x = ComplexTensor.randomNormal(root, a.domainShape(), DataType.FLOAT32, rng);
        int before = root.getManagedArrays().size();
        for (int k = 0; k < 2000; k++) {
            try (NDManager it = root.newSubManager()) {
                ComplexTensor xi = x.duplicate().attach(it);
                ComplexTensor next = a.normal(xi).scale(1e-3).add(xi);
                next.attach(root).close();
            }
        }
        assertEquals(before, root.getManagedArrays().size());
    }
}
