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
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.core.solver.AdmmState;
import org.rfrecon.core.solver.AdmmStep;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.XStep;
import org.rfrecon.unrolled.regularizer.ConstantValue;
import org.rfrecon.unrolled.regularizer.ConvStack;
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
 * <p><b>Physics.</b> The operator, its norm and the x-step come from a {@link SensingModel} (per
 * device and dtype, on first use), never baked into weights: the Fresnel model of a geometry
 * ({@link Builder#setGeometry}), a simulation file's stored factors, a {@link
 * org.rfrecon.core.operator.PairSharded} operator or any other ({@link Builder#setSensingModel}).
 * {@link #checkGeometry} refuses measurements of another geometry. The stage-level methods ({@link
 * #prepare}, {@link #stage}, {@link #finish}) exist for gradient checkpointing ({@link
 * GradientSteps}).
 *
 * <p><b>Ownership.</b> A model built from a geometry belongs to the network: {@link #close} frees
 * its factors. A model given to the builder stays the caller's.
 */
public final class UnrolledAdmm extends AbstractBlock implements AutoCloseable {

    private static final byte VERSION = 1;

    private final SensingModel model;
    private final boolean ownsModel;
    private final Geometry geometry; // null for a model without one
    private final Architecture architecture;
    private final double normA2;
    private final Parameter rhoRaw;
    private final Parameter etaRaw;
    private final LearnedRegularizer regularizer;

    private UnrolledAdmm(Builder b, SensingModel model, boolean ownsModel, double normA2) {
        super(VERSION);
        this.model = model;
        this.ownsModel = ownsModel;
        this.geometry = model.geometry().orElse(null);
        this.architecture = b.architecture;
        this.normA2 = normA2;
        int k = architecture.stages();
        rhoRaw = addParameter(positive("rho", k, b.initialRho));
        etaRaw = addParameter(positive("eta", k, 1.0));
        boolean volume = model.sceneShape().dimension() == 3;
        this.regularizer = addChildBlock("regularizer", regularizer(architecture, b, volume));
    }

    private static LearnedRegularizer regularizer(Architecture a, Builder b, boolean volume) {
        int k = a.stages();
        ConvStack layers = new ConvStack(a.cnnDepth(), a.cnnWidth(), volume, a.cnnDilated());
        switch (a.regularizer()) {
            case SOFT_THRESHOLD:
                return new LearnedSoftThreshold(k, a.sharedWeights(), b.initialThreshold);
            case CNN:
                return new ResidualCnn(
                        k, a.sharedWeights(), layers, a.cnnGain() ? b.initialCnnScale : Double.NaN);
            case THRESHOLD_CNN:
                return new ThresholdCnn(
                        k,
                        a.sharedWeights(),
                        b.initialThreshold,
                        layers,
                        b.initialCnnScale,
                        a.cnnGain(),
                        a.cnnMask());
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

    /** A builder; a sensing model (or a geometry) and an architecture are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The geometry this network reconstructs.
     *
     * @throws IllegalStateException if its sensing model has no geometry (a wrapped operator)
     */
    public Geometry geometry() {
        if (geometry == null) {
            throw new IllegalStateException(
                    "this network's sensing model has no geometry: " + model);
        }
        return geometry;
    }

    /** The sensing model: operator, norm and x-step. */
    public SensingModel sensingModel() {
        return model;
    }

    /** Frees the sensing model if the network built it (from a geometry); idempotent. */
    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }

    /** The architecture (what {@code model.json} records). */
    public Architecture architecture() {
        return architecture;
    }

    /** The dtype of the network's computation. */
    public DataType dataType() {
        return architecture.precision();
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
        if (geometry == null) {
            if (!other.measurementShape().equals(model.measurementShape())
                    || !other.sceneShape().equals(model.sceneShape())) {
                throw new IllegalArgumentException(
                        "the network was built for measurements "
                                + model.measurementShape()
                                + " and scenes "
                                + model.sceneShape()
                                + "; "
                                + other.preset()
                                + " has "
                                + other.measurementShape()
                                + " and "
                                + other.sceneShape());
            }
            return;
        }
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
        return new Shape(b, 2).addAll(model.measurementShape());
    }

    /** The output shape for a batch of {@code b}: {@code (b, 2, [N3,] N2, N1)}. */
    public Shape outputShape(long b) {
        return new Shape(b, 2).addAll(model.sceneShape());
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
        checkFinite(y);
        return normalised(y);
    }

    /**
     * Refuses measurements of the wrong shape or dtype (host checks only).
     *
     * @throws IllegalArgumentException if {@code y} is not {@code (B, 2, P, F, M2, M1)} of the
     *     network's dtype
     */
    private void checkLayout(NDArray y) {
        Shape shape = y.getShape();
        if (shape.dimension() != 6 || !shape.slice(1).equals(inputShape(1).slice(1))) {
            throw new IllegalArgumentException(
                    "measurements must have shape (B, 2, "
                            + model.measurementShape().toString().replaceAll("[()]", "")
                            + "), got "
                            + shape);
        }
        if (y.getDataType() != dataType()) {
            throw new IllegalArgumentException(
                    "measurements must be " + dataType() + ", got " + y.getDataType());
        }
    }

    /**
     * Refuses measurements of the wrong shape or dtype, or that hold NaN or infinite values: one
     * reduction and one read back to the host, before any stage runs.
     *
     * @throws IllegalArgumentException if {@code y} is not {@code (B, 2, P, F, M2, M1)} of the
     *     network's dtype, or a value is not finite
     */
    public void checkFinite(NDArray y) {
        checkLayout(y);
        try (NDArray nan = y.isNaN();
                NDArray inf = y.isInfinite();
                NDArray either = nan.logicalOr(inf);
                NDArray bad = either.any()) {
            if (bad.getBoolean()) {
                throw new IllegalArgumentException(
                        "measurements hold NaN or Inf values; expected finite values");
            }
        }
    }

    /**
     * {@link #prepare} for measurements already found finite ({@link #checkFinite}): shape and
     * dtype are checked on the host, and nothing is read back from the device, so the work can be
     * captured in a CUDA graph.
     */
    public Prepared prepareFinite(NDArray y) {
        checkLayout(y);
        return normalised(y);
    }

    private Prepared normalised(NDArray y) {
        Shape shape = y.getShape();
        Sensing sense = sensing(y.getDevice());
        ComplexTensor yc = ComplexTensor.fromChannels(y, 1);
        long count = model.measurementShape().size();
        // scalars made on the device (Scalars#constant): div(Number) and friends copy a host
        // scalar, which on a GPU waits for the queue
        NDArray energy =
                yc.abs2()
                        .sum(new int[] {1, 2, 3, 4}, true)
                        .div(Scalars.constant(y, count))
                        .sqrt()
                        .add(Scalars.constant(y, 1e-30));
        ComplexTensor yn = yc.scale(Scalars.constant(y, 1).div(energy));
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
        LearnedRegularizer.Stage stage = new LearnedRegularizer.Stage(ps, k, p.scale(), training);
        return AdmmStep.apply(
                p.aty(), s, p.xStep(), (v, r) -> regularizer.apply(stage, v, r), rho, eta);
    }

    /** The reconstruction of the final state: {@code z} at the input's scale, as channels. */
    public NDArray finish(Prepared p, AdmmState s) {
        return s.z().scale(p.energy()).stackChannels(1);
    }

    private Shape sceneScaleShape(long b) {
        long[] dims = new long[1 + model.sceneShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = b;
        return new Shape(dims);
    }

    /** The operator and x-step on {@code device}; the sensing model builds and keeps them. */
    private Sensing sensing(Device device) {
        DataType dt = dataType();
        XStep xs =
                architecture.xStep() == Architecture.XStepKind.EXACT
                        ? model.exactXStep(device, dt)
                        : model.cgXStep(
                                device, dt, StoppingRule.fixed(architecture.cgIterations()));
        return new Sensing(model.operator(device, dt), xs);
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
        private SensingModel model;
        private Geometry geometry;
        private Architecture architecture;
        private double initialRho = SolverDefaults.UNROLLED_RHO.fraction();
        private double initialThreshold = SolverDefaults.UNROLLED_LAMBDA.fraction();
        private double initialCnnScale = 0.01;
        private double normA2 = Double.NaN;

        private Builder() {}

        /**
         * The physics (required, or {@link #setGeometry}): the network runs on this model's
         * operator and x-step, which stays the caller's to close.
         */
        public Builder setSensingModel(SensingModel model) {
            this.model = model;
            this.geometry = null;
            return this;
        }

        /**
         * The geometry of the measurements: a convenience for {@link #setSensingModel} with the
         * Fresnel model of {@code geometry}, which the network then owns ({@link
         * UnrolledAdmm#close}).
         */
        public Builder setGeometry(Geometry geometry) {
            this.geometry = geometry;
            this.model = null;
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

        /**
         * {@code ||A||^2} if known (optional; otherwise the sensing model's estimate, in float64 on
         * the CPU where the model allows, {@link SensingModel#normSquared()}).
         */
        public Builder optNormA2(double normA2) {
            this.normA2 = normA2;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if a required field is missing or the exact x-step is
         *     asked of a model whose normal operator is not one Kronecker product ({@link
         *     SensingModel#requireExactXStep})
         */
        public UnrolledAdmm build() {
            if ((geometry == null && model == null) || architecture == null) {
                throw new IllegalArgumentException(
                        "UnrolledAdmm needs a sensing model (or a geometry) and an architecture");
            }
            SensingModel m = model != null ? model : SensingModel.fresnel(geometry);
            if (architecture.xStep() == Architecture.XStepKind.EXACT) {
                m.requireExactXStep();
            }
            double n = normA2;
            if (Double.isNaN(n)) {
                if (model == null) { // a throw-away model: the network's keeps no float64 copy
                    try (SensingModel once = SensingModel.fresnel(geometry)) {
                        n = once.normSquared();
                    }
                } else {
                    n = model.normSquared();
                }
            }
            return new UnrolledAdmm(this, m, model == null, n);
        }
    }
}
