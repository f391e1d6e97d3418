package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.core.solver.Backprojection;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.training.metric.Quality;

/**
 * The classical baselines a trained network is compared with on the held-out set: scaled
 * backprojection, and ADMM-l1 with as many iterations as the network has stages and as many CG
 * iterations per x-step (equal compute), {@code lambda = 0.05 ||A^H y||_inf} and {@code rho = 0.5
 * ||A||^2} (the network's initial values).
 */
public final class Baselines {

    /** ADMM-l1's lambda as a fraction of {@code ||A^H y||_inf}: the network's initial value. */
    public static final double LAMBDA_FRACTION = SolverDefaults.UNROLLED_LAMBDA.fraction();

    /** ADMM's rho in units of {@code ||A||^2}: the network's initial value. */
    public static final double RHO = SolverDefaults.UNROLLED_RHO.fraction();

    private Baselines() {}

    /**
     * The mean held-out quality of both baselines.
     *
     * @param backprojection of scaled backprojection
     * @param admm of ADMM-l1 with as many iterations as the network has stages
     */
    public record Scores(Quality backprojection, Quality admm) {}

    /**
     * Mean quality of backprojection and ADMM-l1 with {@code stages} iterations over {@code data}.
     */
    public static Scores evaluate(
            Geometry g,
            RandomAccessDataset data,
            int stages,
            int cgIterations,
            QualityMetrics metrics,
            NDManager manager)
            throws IOException {
        Quality bpSum = Quality.ZERO;
        Quality admmSum = Quality.ZERO;
        try (NDManager m = manager.newSubManager();
                SensingModel model = SensingModel.fresnel(g)) {
            LinearOperator op = model.operator(m.getDevice(), DataType.FLOAT32);
            double rho =
                    SolverDefaults.UNROLLED_RHO.absolute(
                            model.normSquared(m.getDevice(), DataType.FLOAT32));
            for (long i = 0; i < data.size(); i++) {
                try (NDManager s = m.newSubManager()) {
                    Record r = data.get(s, i);
                    NDArray yArr = r.getData().singletonOrThrow().toType(DataType.FLOAT32, false);
                    NDArray truth =
                            r.getLabels().singletonOrThrow().toType(DataType.FLOAT32, false);
                    ComplexTensor y = ComplexTensor.fromChannels(yArr, 0);
                    ComplexTensor bp = Backprojection.apply(op, y);
                    double lambda = SolverDefaults.UNROLLED_LAMBDA.absolute(op, y, Double.NaN);
                    Admm admm =
                            Admm.builder()
                                    .setOperator(op)
                                    .setProx(new SoftThreshold(lambda))
                                    .optRho(rho)
                                    .optXStep(
                                            model.cgXStep(
                                                    m.getDevice(),
                                                    DataType.FLOAT32,
                                                    StoppingRule.fixed(cgIterations)))
                                    .optStoppingRule(StoppingRule.fixed(stages))
                                    .build();
                    ComplexTensor ad = admm.solve(y);
                    NDArray t = truth.expandDims(0);
                    bpSum = bpSum.plus(metrics.quality(t, bp.stackChannels(0).expandDims(0)));
                    admmSum = admmSum.plus(metrics.quality(t, ad.stackChannels(0).expandDims(0)));
                }
            }
        }
        return new Scores(bpSum.dividedBy(data.size()), admmSum.dividedBy(data.size()));
    }
}
