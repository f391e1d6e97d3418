package org.rfrecon.core.physics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.operator.PairSharded;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.KroneckerExactXStep;
import org.rfrecon.core.solver.PowerIteration;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.XStep;

/**
 * The sensing model of a reconstruction, the single owner of its physics (DeepInverse's {@code
 * LinearPhysics}): it supplies
 *
 * <ul>
 *   <li>the operator {@code A} on a given device and dtype ({@link #operator}), built once per
 *       (device, dtype) and kept;
 *   <li>its norm {@code ||A||^2}, the largest eigenvalue of {@code A^H A} by power iteration
 *       ({@link #normSquared}, cached per device and dtype);
 *   <li>the lambda reference {@code ||A^H y||_inf} ({@link #adjointMaxModulus});
 *   <li>its data-fidelity step, the ADMM x-step {@code (A^H A + rho I)^{-1}} ({@link #xStep}):
 *       conjugate gradients by default, the exact eigen-solve ({@link KroneckerExactXStep}) when
 *       the normal operator is a single Kronecker product ({@link #hasExactXStep}: one pair, one
 *       subcarrier, a 2D scene of a model with factors). That precondition is decided here only.
 * </ul>
 *
 * <p><b>Sources.</b> {@link #fresnel(Geometry)} evaluates the Fresnel factors of SPEC §1 from a
 * geometry; {@link #ofFactors} takes stored factors (a simulation file's {@code A1}, {@code A2},
 * {@code s}, {@code A3}: the file is the model, SPEC §3); {@link #of} wraps any operator. With
 * several devices ({@link #fresnel(Geometry, List)}, {@link #ofFactors(SensingFactors, List)}) the
 * operator spreads the Tx-Rx pairs over them ({@link PairSharded}), primary device first.
 *
 * <p><b>Ownership.</b> Factors and operators the model builds live in base managers it owns and
 * frees in {@link #close}. Stored factors and a wrapped operator stay their caller's: the model
 * uses them as they are on their own device and dtype, and converted copies (which it owns)
 * elsewhere; a wrapped operator has no other device or dtype. Results of {@link #operator}'s maps
 * belong to their input's manager, as for every operator. Thread-safe.
 */
public final class SensingModel implements AutoCloseable {

    private final Geometry geometry; // null for a wrapped operator
    private final SensingFactors stored; // null unless built from stored factors
    private final LinearOperator given; // null unless built from an operator
    private final List<Device> devices; // more than one: pairs spread over them
    private final Map<Key, Built> built = new ConcurrentHashMap<>();
    private final Map<Key, Double> norms = new ConcurrentHashMap<>();
    private final Map<Key, XStep> exact = new ConcurrentHashMap<>();
    private final List<NDManager> owned = new ArrayList<>();
    private volatile boolean closed;

    private SensingModel(
            Geometry geometry, SensingFactors stored, LinearOperator given, List<Device> devices) {
        this.geometry = geometry;
        this.stored = stored;
        this.given = given;
        this.devices = List.copyOf(devices);
    }

    /** The Fresnel model of {@code g}: factors evaluated from the SPEC §1 formulas. */
    public static SensingModel fresnel(Geometry g) {
        return new SensingModel(g, null, null, List.of());
    }

    /**
     * The Fresnel model of {@code g} with its pairs spread over {@code devices} (one device: the
     * plain operator). {@link #operator} must then be asked for the first device.
     */
    public static SensingModel fresnel(Geometry g, List<Device> devices) {
        return new SensingModel(g, null, null, checked(devices));
    }

    /**
     * The model of stored factors: {@code A1} (P, F, M1, N1), {@code A2} (P, F, M2, N2), {@code s}
     * (P, F) and, for volumes, {@code A3} (P, F, N3). The factors stay the caller's.
     */
    public static SensingModel ofFactors(SensingFactors factors) {
        return new SensingModel(null, factors, null, List.of());
    }

    /**
     * Stored factors with their pairs spread over {@code devices}, as {@link #fresnel(Geometry,
     * List)}.
     */
    public static SensingModel ofFactors(SensingFactors factors, List<Device> devices) {
        return new SensingModel(null, factors, null, checked(devices));
    }

    /**
     * Any operator, on its own device and dtype; its x-step is CG. The operator stays the caller's.
     */
    public static SensingModel of(LinearOperator op) {
        return new SensingModel(null, null, op, List.of());
    }

    /** The geometry, for a model built from one. */
    public Optional<Geometry> geometry() {
        return Optional.ofNullable(geometry);
    }

    /** The scene shape (the operator's domain), {@code ([N3,] N2, N1)}. */
    public Shape sceneShape() {
        if (geometry != null) {
            return geometry.sceneShape();
        }
        return given != null ? given.domainShape() : stored.sceneShape();
    }

    /** The measurement shape (the operator's range), {@code (P, F, M2, M1)}. */
    public Shape measurementShape() {
        if (geometry != null) {
            return geometry.measurementShape();
        }
        return given != null ? given.rangeShape() : stored.measurementShape();
    }

    /**
     * The operator on {@code device} in real dtype {@code dtype}, built on first use and kept.
     *
     * @throws IllegalArgumentException for a wrapped operator asked for another device or dtype, or
     *     a spread model asked for another device than its first
     * @throws IllegalStateException after {@link #close}
     */
    public LinearOperator operator(Device device, DataType dtype) {
        return build(device, dtype).op();
    }

    /**
     * {@code ||A||^2}, the largest eigenvalue of {@code A^H A} of the operator on {@code device} in
     * {@code dtype}, by {@link PowerIteration} (100 iterations at most, relative tolerance 1e-6, a
     * fixed seed); computed once per device and dtype.
     */
    public double normSquared(Device device, DataType dtype) {
        Key key = new Key(device, dtype);
        Double n = norms.get(key);
        if (n == null) {
            LinearOperator op = operator(device, dtype);
            try (NDManager m = NDManager.newBaseManager(device)) {
                n = PowerIteration.largestEigenvalue(op, m);
            }
            norms.putIfAbsent(key, n);
        }
        return n;
    }

    /**
     * {@code ||A||^2} in float64 on the CPU ({@link #normSquared(Device, DataType)}); a wrapped
     * operator's on its own device and dtype. The unit of an unrolled network's learned penalties.
     */
    public double normSquared() {
        return given != null
                ? normSquared(given.device(), given.dataType())
                : normSquared(Device.cpu(), DataType.FLOAT64);
    }

    /**
     * {@code ||A^H y||_inf}, the largest modulus of the backprojection of {@code y} (one sample, or
     * a batch: the largest over all of it), with the operator of {@code y}'s device and dtype: the
     * reference lambda fractions are given against (SPEC §4).
     */
    public double adjointMaxModulus(ComplexTensor y) {
        LinearOperator op = operator(y.getDevice(), y.getDataType());
        try (ComplexTensor aty = op.adjoint(y);
                NDArray a = aty.abs();
                NDArray mx = a.max()) {
            return Scalars.value(mx);
        }
    }

    /**
     * Whether the exact x-step applies: the normal operator is a single Kronecker product, which
     * holds for a model with factors of one pair and one subcarrier of a 2D scene.
     */
    public boolean hasExactXStep() {
        if (given != null) {
            return false;
        }
        Shape m = measurementShape();
        return m.get(0) == 1 && m.get(1) == 1 && sceneShape().dimension() == 2;
    }

    /**
     * Fails unless {@link #hasExactXStep}, with one line saying why.
     *
     * @throws IllegalArgumentException naming the pairs and subcarriers, or a wrapped operator
     */
    public void requireExactXStep() {
        if (hasExactXStep()) {
            return;
        }
        if (given != null) {
            throw new IllegalArgumentException(
                    "the exact x-step needs Kronecker factors; this model wraps " + given);
        }
        Shape m = measurementShape();
        throw new IllegalArgumentException(
                "the exact x-step needs one pair and one subcarrier of a 2D scene; "
                        + geometry().map(g -> g.preset() + " has").orElse("the factors have")
                        + " P="
                        + m.get(0)
                        + ", F="
                        + m.get(1)
                        + (sceneShape().dimension() == 3 ? " and a volume" : ""));
    }

    /**
     * The exact x-step ({@link KroneckerExactXStep}) on {@code device} in {@code dtype}, built once
     * from the model's own factors.
     *
     * @throws IllegalArgumentException unless {@link #hasExactXStep}
     */
    public XStep exactXStep(Device device, DataType dtype) {
        requireExactXStep();
        Key key = new Key(device, dtype);
        XStep x = exact.get(key);
        if (x == null) {
            Built b = build(device, dtype);
            NDManager m = own(device);
            SensingFactors f =
                    b.factors() != null ? b.factors() : SensingFactors.fresnel(geometry, m, dtype);
            x = KroneckerExactXStep.of(f, m);
            exact.putIfAbsent(key, x);
        }
        return exact.get(key);
    }

    /** The CG x-step on the operator of {@code device} and {@code dtype}, under {@code rule}. */
    public CgXStep cgXStep(Device device, DataType dtype, StoppingRule rule) {
        return new CgXStep(operator(device, dtype), rule);
    }

    /** The default x-step: exact when {@link #hasExactXStep}, else CG under {@code cgRule}. */
    public XStep xStep(Device device, DataType dtype, StoppingRule cgRule) {
        return hasExactXStep() ? exactXStep(device, dtype) : cgXStep(device, dtype, cgRule);
    }

    /**
     * Frees the factors and operators this model built (not stored factors or a given operator).
     */
    @Override
    public synchronized void close() {
        closed = true;
        owned.forEach(NDManager::close);
        owned.clear();
        built.clear();
        exact.clear();
    }

    @Override
    public String toString() {
        String src =
                geometry != null
                        ? "fresnel " + geometry.preset()
                        : stored != null ? "stored factors" : given.toString();
        return "SensingModel("
                + src
                + (devices.size() > 1 ? ", " + devices.size() + " devices" : "")
                + ")";
    }

    private synchronized Built build(Device device, DataType dtype) {
        if (closed) {
            throw new IllegalStateException("this sensing model is closed");
        }
        Key key = new Key(device, dtype);
        Built b = built.get(key);
        if (b != null) {
            return b;
        }
        if (given != null) {
            if (!given.device().equals(device) || given.dataType() != dtype) {
                throw new IllegalArgumentException(
                        "this sensing model's operator is on "
                                + given.device()
                                + " in "
                                + given.dataType()
                                + "; asked for "
                                + device
                                + " in "
                                + dtype);
            }
            b = new Built(given, null);
        } else {
            if (devices.size() > 1 && !devices.get(0).equals(device)) {
                throw new IllegalArgumentException(
                        "this sensing model spreads its pairs over "
                                + devices
                                + "; its operator lives on the first, not "
                                + device);
            }
            SensingFactors f = null; // a spread Fresnel model builds factors per shard only
            if (stored != null
                    && stored.a1().getDevice().equals(device)
                    && stored.a1().getDataType() == dtype) {
                f = stored;
            } else if (stored != null) {
                f = convert(stored, own(device), dtype);
            } else if (devices.size() <= 1) {
                f = SensingFactors.fresnel(geometry, own(device), dtype);
            }
            LinearOperator op;
            if (devices.size() > 1) {
                NDManager shards = own(device);
                op =
                        f == null
                                ? PairSharded.of(geometry, devices, shards, dtype)
                                : PairSharded.of(f, devices, shards);
            } else {
                op = Operators.fresnel(f);
            }
            b = new Built(op, f);
        }
        built.put(key, b);
        return b;
    }

    private synchronized NDManager own(Device device) {
        NDManager m = NDManager.newBaseManager(device);
        owned.add(m);
        return m;
    }

    /** Copies of {@code f} on {@code owner}'s device in {@code dtype}. */
    private static SensingFactors convert(SensingFactors f, NDManager owner, DataType dtype) {
        return new SensingFactors(
                convert(f.a1(), owner, dtype),
                convert(f.a2(), owner, dtype),
                f.a3().map(a3 -> convert(a3, owner, dtype)),
                convert(f.s(), owner, dtype));
    }

    private static ComplexTensor convert(ComplexTensor t, NDManager owner, DataType dtype) {
        try (NDScope scope = new NDScope()) {
            ComplexTensor c = t.toDevice(owner.getDevice()).toType(dtype);
            NDScope.unregister(c.handles());
            return c.attach(owner);
        }
    }

    private static List<Device> checked(List<Device> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a sensing model needs at least one device");
        }
        return devices;
    }

    private record Key(Device device, DataType dtype) {}

    /**
     * One (device, dtype) of the model.
     *
     * @param op the operator
     * @param factors its factors (null for a wrapped operator or a spread Fresnel model)
     */
    private record Built(LinearOperator op, SensingFactors factors) {}
}
