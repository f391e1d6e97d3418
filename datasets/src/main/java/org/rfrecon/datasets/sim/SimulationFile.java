package org.rfrecon.datasets.sim;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.NpyFormatException;
import org.rfrecon.datasets.npy.Npz;
import org.rfrecon.datasets.npy.NpzReader;

/**
 * The simulation file of SPEC §3: an NPZ with {@code scene}, {@code y}, {@code y_clean}, {@code
 * A1}, {@code A2}, {@code s}, {@code A3} (volumes only), all complex ({@code <c8} or {@code <c16}),
 * and {@code meta}, UTF-8 JSON as a 1-D {@code |u1} array ({@link SimulationMeta#toJson}).
 *
 * <p>The factors stored are always the Fresnel ones, whatever physics made {@code y}: they are the
 * model a reconstruction uses. Reading validates everything and fails with one line naming file and
 * key.
 */
public final class SimulationFile {

    private SimulationFile() {}

    /** The arrays of {@code sim} and {@code factors} in file order. */
    public static Map<String, HostArray> arrays(Simulation sim, SensingFactors factors) {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put("scene", HostArray.fromComplexTensor(sim.scene()));
        m.put("y", HostArray.fromComplexTensor(sim.y()));
        m.put("y_clean", HostArray.fromComplexTensor(sim.yClean()));
        m.put("A1", HostArray.fromComplexTensor(factors.a1()));
        m.put("A2", HostArray.fromComplexTensor(factors.a2()));
        m.put("s", HostArray.fromComplexTensor(factors.s()));
        factors.a3().ifPresent(a3 -> m.put("A3", HostArray.fromComplexTensor(a3)));
        m.put("meta", HostArray.ofUtf8(sim.meta().toJson().toString()));
        return m;
    }

    /** Writes {@code sim} with {@code factors} to {@code path} atomically. */
    public static void write(Path path, Simulation sim, SensingFactors factors) throws IOException {
        Npz.write(path, arrays(sim, factors));
    }

    /**
     * Reads and validates a simulation file: {@code meta} first, then each array's header against
     * the shape the geometry in meta implies, and only then its data, so memory stays bounded by
     * what a valid file of that geometry needs (a member that declares or inflates to more is
     * refused at its header or at the byte past its size).
     *
     * @throws NpyFormatException naming file and key: a missing key, a bad meta, a wrong dtype or
     *     shape, a NaN or infinite value
     */
    public static SimulationData read(Path path) throws IOException {
        String file = path.toString();
        try (NpzReader r = NpzReader.open(path)) {
            SimulationMeta meta = readMeta(r, file);
            Geometry g = meta.geometry();
            long p = g.numPairs();
            long f = g.numFrequencies();
            HostArray scene = check(r, file, "scene", g.sceneShape(), null);
            DType dt = scene.dtype();
            HostArray y = check(r, file, "y", g.measurementShape(), dt);
            HostArray yc = check(r, file, "y_clean", g.measurementShape(), dt);
            HostArray a1 = check(r, file, "A1", new Shape(p, f, g.m1(), g.n1()), dt);
            HostArray a2 = check(r, file, "A2", new Shape(p, f, g.m2(), g.n2()), dt);
            HostArray s = check(r, file, "s", new Shape(p, f), dt);
            Optional<HostArray> a3 = Optional.empty();
            if (g.isVolume()) {
                a3 = Optional.of(check(r, file, "A3", new Shape(p, f, g.n3()), dt));
            } else if (r.has("A3")) {
                throw new NpyFormatException(
                        file + ":A3", "present but the geometry in meta is 2D");
            }
            return new SimulationData(meta, scene, y, yc, a1, a2, a3, s);
        }
    }

    /**
     * Reads and validates a simulation file as {@link #read} does, then checks that its stored
     * factors are the operator its {@code meta} describes ({@link #checkFactors}): what {@code
     * reconstruct} and {@code infer} read (SPEC §3, the file is the model).
     *
     * @throws NpyFormatException naming file and key, as {@link #read} and {@link #checkFactors}
     */
    public static SimulationData readConsistent(Path path) throws IOException {
        SimulationData data = read(path);
        checkFactors(path.toString(), data);
        return data;
    }

    /**
     * The largest relative error {@code ||stored - fresnel(meta)|| / ||fresnel(meta)||} a factor
     * may have: far above float32 rounding (about 1e-7), far below any change of geometry.
     */
    public static final double FACTOR_TOLERANCE = 1e-4;

    /**
     * Checks that the stored factors {@code A1}, {@code A2}, {@code s} (and {@code A3}) are the
     * Fresnel factors of the geometry in {@code meta}, recomputed in float64, to within {@link
     * #FACTOR_TOLERANCE} relative error each.
     *
     * @throws NpyFormatException naming the file and the first key that disagrees, with its error
     */
    public static void checkFactors(String file, SimulationData data) throws NpyFormatException {
        Map<String, Double> errors;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            SensingFactors meta = SensingFactors.fresnel(data.geometry(), m, DataType.FLOAT64);
            errors = data.factors(m).relativeErrors(meta);
        }
        for (Map.Entry<String, Double> e : errors.entrySet()) {
            if (!(e.getValue() <= FACTOR_TOLERANCE)) {
                throw new NpyFormatException(
                        file + ":" + e.getKey(),
                        String.format(
                                Locale.ROOT,
                                "disagrees with the geometry in meta (relative error %.3g, more"
                                        + " than %.0e): the stored factors are not the operator"
                                        + " meta describes",
                                e.getValue(),
                                FACTOR_TOLERANCE));
            }
        }
    }

    /**
     * Reads and parses {@code meta}: a 1-D {@code |u1} array of at most {@link MetaJson#MAX_BYTES}
     * bytes of strict UTF-8 JSON of a known format version.
     */
    static SimulationMeta readMeta(NpzReader r, String file) throws IOException {
        JsonObject o = MetaJson.read(r, file, "meta");
        try {
            MetaJson.checkVersion(o, SimulationMeta.FORMAT, SimulationMeta.VERSION);
            return SimulationMeta.fromJson(o);
        } catch (RuntimeException e) {
            throw new NpyFormatException(
                    file + ":meta",
                    "not valid simulation meta (" + MetaJson.plain(e.getMessage()) + ")");
        }
    }

    /**
     * Reads {@code key} as a complex array of {@code shape} (and dtype {@code dtype} when not
     * null), refusing another dtype or shape from its header before its data is read, then refusing
     * NaN and infinite values.
     */
    static HostArray check(NpzReader r, String file, String key, Shape shape, DType dtype)
            throws IOException {
        String src = file + ":" + key;
        HostArray h =
                r.read(key, info -> checkHeader(info.dtype(), info.shape(), src, shape, dtype));
        requireFinite(h, src);
        return h;
    }

    private static void checkHeader(
            DType actual, long[] actualShape, String src, Shape shape, DType dtype)
            throws NpyFormatException {
        if (!actual.isComplex() || (dtype != null && actual != dtype)) {
            throw new NpyFormatException(
                    src,
                    "dtype "
                            + actual.descr()
                            + ", expected "
                            + (dtype == null ? "<c8 or <c16" : dtype.descr()));
        }
        if (!Arrays.equals(actualShape, shape.getShape())) {
            throw new NpyFormatException(
                    src,
                    "shape "
                            + HostArray.shapeString(actualShape)
                            + ", expected "
                            + HostArray.shapeString(shape.getShape())
                            + " from the geometry in meta");
        }
    }

    /** Fails if {@code h} (complex or real floating) holds a NaN or an infinity. */
    static void requireFinite(HostArray h, String src) throws NpyFormatException {
        double[] v = h.dtype().isComplex() ? h.toInterleaved() : h.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                long at = h.dtype().isComplex() ? i / 2 : i;
                throw new NpyFormatException(
                        src, "element " + at + " is " + v[i] + " (expected finite values)");
            }
        }
    }
}
