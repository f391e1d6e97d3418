package org.rfrecon.spark;

import ai.djl.Device;
import java.io.Serializable;
import org.rfrecon.training.TrainingListener;
import org.rfrecon.training.ablation.AblationConfig;
import org.rfrecon.training.ablation.UnrolledVariantRunner;
import org.rfrecon.training.ablation.VariantRunner;
import org.rfrecon.training.metric.SpecQualityMetrics;

/**
 * Builds a task's {@link VariantRunner} on its executor (runners hold devices and metrics, which do
 * not travel). {@link #UNROLLED} is what {@code rfrecon ablate} runs; tests pass their own.
 */
@FunctionalInterface
public interface RunnerFactory extends Serializable {

    /** The runner of {@code grid} on {@code device}. */
    VariantRunner create(AblationConfig grid, Device device);

    /** The unrolled network's runner with the SPEC metrics, as on a single machine. */
    RunnerFactory UNROLLED =
            (grid, device) ->
                    new UnrolledVariantRunner(
                            grid, device, new SpecQualityMetrics(), v -> new TrainingListener() {});
}
