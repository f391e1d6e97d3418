package org.rfrecon.unrolled;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Volume3D;
import org.rfrecon.core.solver.AdmmState;
import org.rfrecon.core.solver.AdmmStep;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.KroneckerExactXStep;
import org.rfrecon.core.solver.PowerIteration;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.XStep;
import org.rfrecon.unrolled.regularizer.ConstantValue;
import org.rfrecon.unrolled.regularizer.LearnedRegularizer;
import org.rfrecon.unrolled.regularizer.LearnedSoftThreshold;
import org.rfrecon.unrolled.regularizer.ResidualCnn;
import org.rfrecon.unrolled.regularizer.Scales;
import org.rfrecon.unrolled.regularizer.Softplus;
import org.rfrecon.unrolled.regularizer.ThresholdCnn;

/**
 * ADMM unrolled into K stages whose parameters are learned end to end, as a DJL block. Stage {@code
 * k} is the solver's own {@link AdmmStep} with a learned penalty {@code rho_k = softplus(a_k)
 * ||A||^2}, a learned dual step {@code eta_k = softplus(b_k)} and a learned z-step ({@link
 * LearnedRegularizer}); the x-step is a fixed number of differentiable CG iterations ({@link
 * CgXStep}: step lengths per sample, so a sample's output does not depend on its batch) or the
 * exact Kronecker solve. One algorithm, two uses: with a fixed soft threshold, {@code rho} and
 * {@code eta = 1} the network is K iterations of {@link org.rfrecon.core.solver.Admm}.
 *
 * <p><b>Input and output</b> (channel-first real pairs): measurements {@code (B, 2, P, F, M2, M1)}
 * in, scenes {@code (B, 2, [N3,] N2, N1)} out. Each sample is scaled to unit RMS energy before the
 * stages and the scale is restored on output, so one model serves any scene scale.
 *
 * <p><b>Geometry.</b> The operator is built from the geometry the network was made for (per device
 * and dtype, on first use), not baked into weights; {@link #checkGeometry} refuses measurements of
 * another geometry. The stage-level methods ({@link #prepare}, {@link #stage}, {@link #finish})
 * exist for gradient checkpointing ({@link GradientSteps}).
 */
public final class UnrolledAdmm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Geometry geometry;
    private final Architecture architecture;
    private final double normA2;
    private final Parameter rhoRaw;
    private final Parameter etaRaw;
    private final LearnedRegularizer regularizer;
    private final Map<String, Sensing> sensing = new ConcurrentHashMap<>();

    private UnrolledAdmm(Builder b) {
        super(VERSION);
        this.geometry = b.geometry;
        this.architecture = b.architecture;
        this.normA2 = b.normA2;
        int k = architecture.stages();
        rhoRaw = addParameter(positive("rho", k, b.initialRho));
        etaRaw = addParameter(positive("eta", k, 1.0));
        this.regularizer = addChildBlock("regularizer", regularizer(architecture, b, geometry));
    }

    private static LearnedRegularizer regularizer(Architecture a, Builder b, Geometry g) {
        int k = a.stages();
        switch (a.regularizer()) {
            case SOFT_THRESHOLD:
                return new LearnedSoftThreshold(k, a.sharedWeights(), b.initialThreshold);
            case CNN:
                return new ResidualCnn(
                        k, a.sharedWeights(), a.cnnDepth(), a.cnnWidth(), g.isVolume());
            case THRESHOLD_CNN:
                return new ThresholdCnn(
                        k,
                        a.sharedWeights(),
                        b.initialThreshold,
                        a.cnnDepth(),
                        a.cnnWidth(),
                        g.isVolume(),
                        b.initialCnnScale);
            default:
                throw new IllegalArgumentException("unknown regularizer " + a.regularizer());
        }
    }

    private static Parameter positive(String name, int stages, double value) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(stages))
                .optInitializer(new ConstantValue(Softplus.inverse(value)))
                .build();
    }

    /** A builder; geometry and architecture are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The geometry this network reconstructs. */
    public Geometry geometry() {
        return geometry;
    }

    /** The architecture (what {@code model.json} records). */
    public Architecture architecture() {
        return architecture;
    }

    /** The dtype of the network's computation. */
    public DataType dataType() {
        return "float64".equals(architecture.precision()) ? DataType.FLOAT64 : DataType.FLOAT32;
    }

    /** {@code ||A||^2}, the unit of the learned penalties. */
    public double normA2() {
        return normA2;
    }

    /**
     * Refuses measurements taken with another geometry.
     *
     * @throws IllegalArgumentException naming both geometries
     */
    public void checkGeometry(Geometry other) {
        if (!geometry.sameSensing(other)) {
            throw new IllegalArgumentException(
                    "the network was built for the "
                            + geometry.preset()
                            + " geometry; these measurements were taken with "
                            + other.preset());
        }
    }

    /** The input shape for a batch of {@code b}: {@code (b, 2, P, F, M2, M1)}. */
    public Shape inputShape(long b) {
        return new Shape(b, 2).addAll(geometry.measurementShape());
    }

    /** The output shape for a batch of {@code b}: {@code (b, 2, [N3,] N2, N1)}. */
    public Shape outputShape(long b) {
        return new Shape(b, 2).addAll(geometry.sceneShape());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Prepared p = prepare(inputs.singletonOrThrow());
        AdmmState s = initialState(p);
        for (int k = 0; k < architecture.stages(); k++) {
            s = stage(ps, p, k, s, training);
        }
        return new NDList(finish(p, s));
    }

    /**
     * Normalises a batch of measurements and computes {@code A^H y}; learns nothing.
     *
     * @throws IllegalArgumentException if {@code y} is not {@code (B, 2, P, F, M2, M1)} of the
     *     network's dtype, or holds NaN or Inf
     */
    public Prepared prepare(NDArray y) {
        Shape shape = y.getShape();
        if (shape.dimension() != 6 || !shape.slice(1).equals(inputShape(1).slice(1))) {
            throw new IllegalArgumentException(
                    "measurements must have shape (B, 2, "
                            + geometry.measurementShape().toString().replaceAll("[()]", "")
                            + "), got "
                            + shape);
        }
        if (y.getDataType() != dataType()) {
            throw new IllegalArgumentException(
                    "measurements must be " + dataType() + ", got " + y.getDataType());
        }
        try (NDArray nan = y.isNaN();
                NDArray inf = y.isInfinite();
                NDArray either = nan.logicalOr(inf);
                NDArray bad = either.any()) {
            if (bad.getBoolean()) { // one host read per batch, before any stage runs
                throw new IllegalArgumentException(
                        "measurements hold NaN or Inf values; expected finite values");
            }
        }
        Sensing sense = sensing(y.getDevice());
        ComplexTensor yc = ComplexTensor.fromChannels(y, 1);
        long count = geometry.measurementShape().size();
        NDArray energy = yc.abs2().sum(new int[] {1, 2, 3, 4}, true).div(count).sqrt().add(1e-30);
        ComplexTensor yn = yc.scale(energy.pow(-1));
        ComplexTensor aty = sense.op().adjoint(yn);
        return new Prepared(
                aty,
                energy.reshape(sceneScaleShape(shape.get(0))),
                Scales.maxModulus(aty),
                sense.xStep());
    }

    /** The state before the first stage: zeros. */
    public AdmmState initialState(Prepared p) {
        NDManager m = p.aty().getManager();
        Shape s = p.aty().getShape();
        return new AdmmState(
                ComplexTensor.zeros(m, s, dataType()),
                ComplexTensor.zeros(m, s, dataType()),
                ComplexTensor.zeros(m, s, dataType()));
    }

    /** Stage {@code k}: one {@link AdmmStep} with the stage's learned parameters. */
    public AdmmState stage(ParameterStore ps, Prepared p, int k, AdmmState s, boolean training) {
        Device d = p.aty().getDevice();
        NDArray rho;
        try (NDArray unit = Scalars.constant(p.aty().re(), normA2)) {
            rho = Activation.softPlus(ps.getValue(rhoRaw, d, training).get(k)).mul(unit);
        }
        NDArray eta = Activation.softPlus(ps.getValue(etaRaw, d, training).get(k));
        return AdmmStep.apply(
                p.aty(),
                s,
                p.xStep(),
                (v, r) -> regularizer.apply(ps, k, v, r, p.scale(), training),
                rho,
                eta);
    }

    /** The reconstruction of the final state: {@code z} at the input's scale, as channels. */
    public NDArray finish(Prepared p, AdmmState s) {
        return s.z().scale(p.energy()).stackChannels(1);
    }

    private Shape sceneScaleShape(long b) {
        long[] dims = new long[1 + geometry.sceneShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = b;
        return new Shape(dims);
    }

    private Sensing sensing(Device device) {
        return sensing.computeIfAbsent(
                device + "/" + dataType(),
                key -> {
                    NDManager m = NDManager.newBaseManager(device);
                    SensingFactors f = SensingFactors.fresnel(geometry, m, dataType());
                    LinearOperator op =
                            geometry.isVolume()
                                    ? new Volume3D(f.a1(), f.a2(), f.a3().orElseThrow(), f.s())
                                    : new Kronecker2D(f.a1(), f.a2(), f.s());
                    XStep xs =
                            architecture.xStep() == Architecture.XStepKind.EXACT
                                    ? KroneckerExactXStep.of(f, m)
                                    : new CgXStep(
                                            op, StoppingRule.fixed(architecture.cgIterations()));
                    return new Sensing(op, xs);
                });
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        regularizer.initialize(manager, dataType, outputShape(inputShapes[0].get(0)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0].get(0))};
    }

    /** The operator and x-step of one device and dtype. */
    private record Sensing(LinearOperator op, XStep xStep) {}

    /**
     * What every stage of one batch shares.
     *
     * @param aty {@code A^H y} of the normalised measurements, (B, [N3,] N2, N1)
     * @param energy each sample's RMS measurement energy, (B, 1, ..., 1)
     * @param scale each sample's {@code max |A^H y|}, (B, 1, ..., 1)
     * @param xStep the x-step solver
     */
    public record Prepared(ComplexTensor aty, NDArray energy, NDArray scale, XStep xStep) {}

    /** Builds an {@link UnrolledAdmm}; DJL's convention. */
    public static final class Builder {
        private Geometry geometry;
        private Architecture architecture;
        private double initialRho = SolverDefaults.UNROLLED_RHO.fraction();
        private double initialThreshold = SolverDefaults.UNROLLED_LAMBDA.fraction();
        private double initialCnnScale = 0.01;
        private double normA2 = Double.NaN;

        private Builder() {}

        /** The geometry of the measurements (required). */
        public Builder setGeometry(Geometry geometry) {
            this.geometry = geometry;
            return this;
        }

        /** The architecture (required). */
        public Builder setArchitecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** The initial {@code rho_k}, in units of {@code ||A||^2} (optional, default 0.5). */
        public Builder optInitialRho(double rho) {
            this.initialRho = rho;
            return this;
        }

        /**
         * The initial soft-threshold fraction of {@code ||A^H y||_inf} (optional, default 0.05).
         */
        public Builder optInitialThreshold(double fraction) {
            this.initialThreshold = fraction;
            return this;
        }

        /**
         * The factor on the initial output layer of the CNN of a {@code threshold-cnn} regularizer
         * (optional, default 0.01: the network starts as its soft threshold).
         */
        public Builder optInitialCnnScale(double scale) {
            this.initialCnnScale = scale;
            return this;
        }

        /** {@code ||A||^2} if known (optional; estimated by power iteration otherwise). */
        public Builder optNormA2(double normA2) {
            this.normA2 = normA2;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if a required field is missing or the exact x-step is
         *     asked for a geometry with several pairs or subcarriers
         */
        public UnrolledAdmm build() {
            if (geometry == null || architecture == null) {
                throw new IllegalArgumentException(
                        "UnrolledAdmm needs a geometry and an architecture");
            }
            if (architecture.xStep() == Architecture.XStepKind.EXACT
                    && (geometry.numPairs() != 1
                            || geometry.numFrequencies() != 1
                            || geometry.isVolume())) {
                throw new IllegalArgumentException(
                        "the exact x-step needs one pair and one subcarrier of a 2D geometry; "
                                + geometry.preset()
                                + " has P="
                                + geometry.numPairs()
                                + ", F="
                                + geometry.numFrequencies());
            }
            if (Double.isNaN(normA2)) {
                try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                    LinearOperator op =
                            geometry.isVolume()
                                    ? Volume3D.of(geometry, m, DataType.FLOAT64)
                                    : Kronecker2D.of(geometry, m, DataType.FLOAT64);
                    normA2 = PowerIteration.largestEigenvalue(op, m);
                }
            }
            return new UnrolledAdmm(this);
        }
    }
}
