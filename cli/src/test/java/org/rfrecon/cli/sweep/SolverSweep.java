package org.rfrecon.cli.sweep;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.core.solver.Fista;
import org.rfrecon.core.solver.IterativeSolver;
import org.rfrecon.core.solver.LambdaRule;
import org.rfrecon.core.solver.PowerIteration;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.core.solver.SolverState;
import org.rfrecon.core.solver.StopReason;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Simulation;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.training.metric.ImageMetrics;

/**
 * The sweep behind the default lambda and iteration caps (docs/solvers.md, "Defaults"): for one
 * preset, scene family and method, mean NMSE (dB) over validation scenes (exact physics, 30 dB,
 * seed 5150: neither training data nor the trainer's held-out set) for each lambda fraction of
 * {@code ||A^H y||_inf} and each iteration cap, the solver exactly as {@code reconstruct} builds it
 * (float32, Fresnel model). One solve per scene and lambda: the iterate is read at each cap while
 * stepping (the solvers are steppable), so the caps cost nothing extra.
 *
 * <p>Arguments: {@code preset family method scenes lambdas caps}, e.g. {@code small mixed fista 4
 * 0.01,0.02,0.05 100,200,500}. Prints one Markdown table row per (lambda, cap).
 */
public final class SolverSweep {

    /** The validation seed of the sweep. */
    public static final long SEED = 5150;

    private SolverSweep() {}

    /** Runs the sweep described in the class comment. */
    public static void main(String[] args) {
        Preset preset = Preset.valueOf(args[0].toUpperCase(Locale.ROOT).replace('-', '_'));
        SceneKind family = SceneKind.valueOf(args[1].toUpperCase(Locale.ROOT));
        String method = args[2];
        int scenes = Integer.parseInt(args[3]);
        double[] lambdas =
                Arrays.stream(args[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] caps = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
        Geometry g = preset.geometry();
        double[][][] nmse = new double[lambdas.length][caps.length][scenes];
        try (NDManager m = NDManager.newBaseManager();
                Simulator sim = Simulator.exact(g, m, family, SEED)) {
            Kronecker2D op = Kronecker2D.of(g, m, DataType.FLOAT32);
            double lmax = PowerIteration.largestEigenvalue(op, m);
            for (int i = 0; i < scenes; i++) {
                try (NDManager s = m.newSubManager()) {
                    Simulation data = sim.simulate(s, i);
                    for (int l = 0; l < lambdas.length; l++) {
                        double lam = LambdaRule.ofAtyInf(lambdas[l]).absolute(op, data.y(), lmax);
                        SoftThreshold prox = new SoftThreshold(lam);
                        IterativeSolver<?> solver =
                                method.equals("admm")
                                        ? SolverDefaults.admm(
                                                op, prox, lmax, null, caps[caps.length - 1])
                                        : Fista.builder()
                                                .setOperator(op)
                                                .setProx(prox)
                                                .optLipschitz(lmax)
                                                .optRestart(SolverDefaults.FISTA_RESTART)
                                                .optStoppingRule(
                                                        org.rfrecon.core.solver.StoppingRule.fixed(
                                                                caps[caps.length - 1]))
                                                .build();
                        sweepOne(solver, data, caps, nmse[l], i);
                    }
                }
                System.err.printf("scene %d of %d done%n", i + 1, scenes);
            }
        }
        for (int l = 0; l < lambdas.length; l++) {
            for (int c = 0; c < caps.length; c++) {
                double[] v = nmse[l][c];
                double mean = Arrays.stream(v).average().orElse(Double.NaN);
                double sd =
                        Math.sqrt(
                                Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum()
                                        / Math.max(1, v.length - 1));
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %.3g | %d | %.2f | %.2f |%n",
                        args[0],
                        args[1],
                        method,
                        lambdas[l],
                        caps[c],
                        mean,
                        sd);
            }
        }
    }

    private static <S extends SolverState> void sweepOne(
            IterativeSolver<S> solver, Simulation data, int[] caps, double[][] out, int scene) {
        S s = solver.setup(data.y());
        int next = 0;
        Optional<StopReason> reason = solver.done(s);
        while (next < caps.length) {
            if (reason.isPresent()) {
                // stopped early (tolerance): the remaining caps see the final iterate
                ComplexTensor x = solver.finish(s, reason.get()).x();
                double db = ImageMetrics.nmseDb(x, data.scene());
                for (; next < caps.length; next++) {
                    out[next][scene] = db;
                }
                x.close();
                return;
            }
            s = solver.step(s);
            if (s.iteration() == caps[next]) {
                out[next][scene] = ImageMetrics.nmseDb(current(s), data.scene());
                next++;
            }
            reason = solver.done(s);
        }
        solver.finish(s, reason.orElse(StopReason.ITERATION_CAP)).x().close();
    }

    /** The solution the state holds now (FISTA's x, ADMM's z). */
    private static ComplexTensor current(SolverState s) {
        if (s instanceof Fista.State f) {
            return f.x();
        }
        return ((Admm.State) s).iterates().z();
    }
}
