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
     * Mean {nmse_db, psnr, ssim} of backprojection (row 0) and ADMM-l1 with {@code stages}
     * iterations (row 1) over {@code data}.
     */
    public static double[][] evaluate(
            Geometry g,
            RandomAccessDataset data,
            int stages,
            int cgIterations,
            QualityMetrics metrics,
            NDManager manager)
            throws IOException {
        double[][] sums = new double[2][3];
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
                    add(sums[0], metrics.evaluate(t, bp.stackChannels(0).expandDims(0)));
                    add(sums[1], metrics.evaluate(t, ad.stackChannels(0).expandDims(0)));
                }
            }
        }
        for (double[] row : sums) {
            for (int k = 0; k < 3; k++) {
                row[k] /= data.size();
            }
        }
        return sums;
    }

    private static void add(double[] acc, double[] v) {
        for (int k = 0; k < 3; k++) {
            acc[k] += v[k];
        }
    }
}
