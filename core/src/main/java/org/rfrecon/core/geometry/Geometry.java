package org.rfrecon.core.geometry;

import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.util.Arrays;

/**
 * The immutable geometry of an RF imaging set-up (SPEC §1): subcarrier frequencies, the scene grid,
 * the receive-array element offsets, and one transmitter and one receive-array centre per Tx-Rx
 * pair, all in SI units. A 2D geometry has an empty {@code z}.
 *
 * <p>Arrays are copied in and out, so a geometry never changes. {@link #toJson()} writes the {@code
 * meta} fields of SPEC §3; {@link #fromJson} reads them back and validates.
 */
public final class Geometry {

    /** Speed of light in vacuum, m/s. */
    public static final double C0 = 299_792_458.0;

    private final String preset;
    private final double[] freq;
    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final double[] u;
    private final double[] v;
    private final double[][] tx;
    private final double[][] rx;
    private final double r0;

    private Geometry(Builder b) {
        this.preset = b.preset;
        this.freq = b.freq.clone();
        this.x = b.x.clone();
        this.y = b.y.clone();
        this.z = b.z.clone();
        this.u = b.u.clone();
        this.v = b.v.clone();
        this.tx = deepCopy(b.tx);
        this.rx = deepCopy(b.rx);
        this.r0 = b.r0;
    }

    /** A builder; {@code build()} validates everything. */
    public static Builder builder() {
        return new Builder();
    }

    /** The preset name this geometry came from, or {@code "custom"}. */
    public String preset() {
        return preset;
    }

    /** Subcarrier frequencies in Hz, shape (F). */
    public double[] freq() {
        return freq.clone();
    }

    /** Scene cross-range x coordinates (index n1), metres. */
    public double[] x() {
        return x.clone();
    }

    /** Scene cross-range y coordinates (index n2), metres. */
    public double[] y() {
        return y.clone();
    }

    /** Scene range coordinates (index n3), metres; empty for a 2D scene at range {@code R0}. */
    public double[] z() {
        return z.clone();
    }

    /** Receive element offsets along x (index m1), metres. */
    public double[] u() {
        return u.clone();
    }

    /** Receive element offsets along y (index m2), metres. */
    public double[] v() {
        return v.clone();
    }

    /** Transmitter positions, shape (P, 3), metres. */
    public double[][] tx() {
        return deepCopy(tx);
    }

    /** Receive-array centres, shape (P, 3), metres. */
    public double[][] rx() {
        return deepCopy(rx);
    }

    /** The reference range {@code R0}, metres. */
    public double r0() {
        return r0;
    }

    /** N1, the number of x pixels. */
    public int n1() {
        return x.length;
    }

    /** N2, the number of y pixels. */
    public int n2() {
        return y.length;
    }

    /** N3, the number of range slices; 0 for a 2D scene. */
    public int n3() {
        return z.length;
    }

    /** M1, the number of receive elements along x. */
    public int m1() {
        return u.length;
    }

    /** M2, the number of receive elements along y. */
    public int m2() {
        return v.length;
    }

    /** F, the number of subcarriers. */
    public int numFrequencies() {
        return freq.length;
    }

    /** P, the number of Tx-Rx pairs. */
    public int numPairs() {
        return tx.length;
    }

    /** Whether the scene is a volume (N3 slices). */
    public boolean isVolume() {
        return z.length > 0;
    }

    /** The scene shape: (N2, N1) or (N3, N2, N1). */
    public Shape sceneShape() {
        return isVolume() ? new Shape(n3(), n2(), n1()) : new Shape(n2(), n1());
    }

    /** The measurement shape (P, F, M2, M1). */
    public Shape measurementShape() {
        return new Shape(numPairs(), numFrequencies(), m2(), m1());
    }

    /** The scene centre {@code o}: grid centre in x and y, and R0 (2D) or the mid-slice range. */
    public double[] sceneCentre() {
        double zc = isVolume() ? (z[0] + z[z.length - 1]) / 2 : r0;
        return new double[] {(x[0] + x[x.length - 1]) / 2, (y[0] + y[y.length - 1]) / 2, zc};
    }

    /** {@code pathloss_p = 1 / (4 pi |t_p - o| |r_p - o|)}, SPEC §1. */
    public double pathloss(int p) {
        double[] o = sceneCentre();
        return 1.0 / (4 * Math.PI * distance(tx[p], o) * distance(rx[p], o));
    }

    /** The wavenumber {@code k_f = 2 pi freq[f] / c0}. */
    public double wavenumber(int f) {
        return 2 * Math.PI * freq[f] / C0;
    }

    /** Euclidean distance between two 3-vectors. */
    public static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The same geometry with another reference range (scene moved with it for 2D). */
    public Geometry withR0(double newR0) {
        Builder b = toBuilder();
        b.r0 = newR0;
        if (isVolume()) {
            double shift = newR0 - r0;
            b.z = Arrays.stream(z).map(zz -> zz + shift).toArray();
        }
        return b.build();
    }

    /**
     * The same geometry restricted to pairs {@code from} (inclusive) to {@code to} (exclusive), as
     * used to spread pairs over devices. Path loss keeps its meaning: the scene centre is
     * unchanged.
     */
    public Geometry selectPairs(int from, int to) {
        if (from < 0 || to > tx.length || from >= to) {
            throw new IllegalArgumentException(
                    "pair range [" + from + ", " + to + ") is outside [0, " + tx.length + ")");
        }
        Builder b = toBuilder();
        b.tx = Arrays.copyOfRange(tx, from, to);
        b.rx = Arrays.copyOfRange(rx, from, to);
        return b.build();
    }

    /** A builder pre-filled with this geometry. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.preset = preset;
        b.freq = freq;
        b.x = x;
        b.y = y;
        b.z = z;
        b.u = u;
        b.v = v;
        b.tx = tx;
        b.rx = rx;
        b.r0 = r0;
        return b;
    }

    /** The SPEC §3 meta fields of this geometry as JSON. */
    public JsonObject toJson() {
        Gson gson = new Gson();
        JsonObject o = new JsonObject();
        o.add("freq", gson.toJsonTree(freq));
        o.add("x", gson.toJsonTree(x));
        o.add("y", gson.toJsonTree(y));
        o.add("z", gson.toJsonTree(z));
        o.add("u", gson.toJsonTree(u));
        o.add("v", gson.toJsonTree(v));
        o.add("tx", gson.toJsonTree(tx));
        o.add("rx", gson.toJsonTree(rx));
        o.addProperty("R0", r0);
        o.addProperty("preset", preset);
        return o;
    }

    /**
     * Reads the geometry fields of a {@code meta} object.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static Geometry fromJson(JsonObject o) {
        Gson gson = new GsonBuilder().create();
        Builder b = builder();
        try {
            b.setFreq(gson.fromJson(require(o, "freq"), double[].class));
            b.setX(gson.fromJson(require(o, "x"), double[].class));
            b.setY(gson.fromJson(require(o, "y"), double[].class));
            if (o.has("z")) {
                b.optZ(gson.fromJson(o.get("z"), double[].class));
            }
            b.setU(gson.fromJson(require(o, "u"), double[].class));
            b.setV(gson.fromJson(require(o, "v"), double[].class));
            b.setPairs(
                    gson.fromJson(require(o, "tx"), double[][].class),
                    gson.fromJson(require(o, "rx"), double[][].class));
            b.setR0(require(o, "R0").getAsDouble());
            if (o.has("preset") && !o.get("preset").isJsonNull()) {
                b.optPreset(o.get("preset").getAsString());
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("geometry meta is malformed: " + e.getMessage(), e);
        }
        return b.build();
    }

    private static com.google.gson.JsonElement require(JsonObject o, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            throw new IllegalArgumentException("geometry meta lacks the field '" + key + "'");
        }
        return o.get(key);
    }

    /**
     * Whether two geometries describe the same sensing set-up, to a relative tolerance of 1e-9 on
     * every coordinate (the preset name is not compared).
     */
    public boolean sameSensing(Geometry other) {
        return close(freq, other.freq)
                && close(x, other.x)
                && close(y, other.y)
                && close(z, other.z)
                && close(u, other.u)
                && close(v, other.v)
                && close(flatten(tx), flatten(other.tx))
                && close(flatten(rx), flatten(other.rx))
                && close(new double[] {r0}, new double[] {other.r0});
    }

    /** One line: shapes and the main physical figures. */
    public String summary() {
        return String.format(
                "preset %s: scene %s, measurements %s (P=%d pairs, F=%d subcarriers %.3f-%.3f GHz,"
                        + " array %dx%d), R0=%.2f m, pixel %.2f cm",
                preset,
                Shapes.text(sceneShape()),
                Shapes.text(measurementShape()),
                numPairs(),
                numFrequencies(),
                freq[0] / 1e9,
                freq[freq.length - 1] / 1e9,
                m2(),
                m1(),
                r0,
                n1() > 1 ? 100 * (x[1] - x[0]) : 0.0);
    }

    private static boolean close(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int k = 0; k < a.length; k++) {
            double scale = Math.max(1e-12, Math.max(Math.abs(a[k]), Math.abs(b[k])));
            if (Math.abs(a[k] - b[k]) > 1e-9 * scale) {
                return false;
            }
        }
        return true;
    }

    private static double[] flatten(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && preset.equals(g.preset) && sameSensing(g);
    }

    @Override
    public int hashCode() {
        return preset.hashCode() * 31 + Arrays.hashCode(freq);
    }

    @Override
    public String toString() {
        return summary();
    }

    /**
     * Builds a {@link Geometry}; DJL's convention: {@code setX} required, {@code optX} optional.
     */
    public static final class Builder {
        private String preset = "custom";
        private double[] freq;
        private double[] x;
        private double[] y;
        private double[] z = new double[0];
        private double[] u;
        private double[] v;
        private double[][] tx;
        private double[][] rx;
        private double r0 = Double.NaN;

        private Builder() {}

        /** Subcarrier frequencies in Hz (required, positive). */
        public Builder setFreq(double[] freq) {
            this.freq = freq.clone();
            return this;
        }

        /** Scene x coordinates (required, strictly increasing). */
        public Builder setX(double[] x) {
            this.x = x.clone();
            return this;
        }

        /** Scene y coordinates (required, strictly increasing). */
        public Builder setY(double[] y) {
            this.y = y.clone();
            return this;
        }

        /** Range slices for a volume (optional; empty means a 2D scene at R0). */
        public Builder optZ(double[] z) {
            this.z = z.clone();
            return this;
        }

        /** Element offsets along x (required). */
        public Builder setU(double[] u) {
            this.u = u.clone();
            return this;
        }

        /** Element offsets along y (required). */
        public Builder setV(double[] v) {
            this.v = v.clone();
            return this;
        }

        /** Transmitter positions and receive-array centres, each (P, 3) (required). */
        public Builder setPairs(double[][] tx, double[][] rx) {
            this.tx = deepCopy(tx);
            this.rx = deepCopy(rx);
            return this;
        }

        /** The reference range R0 in metres (required, positive). */
        public Builder setR0(double r0) {
            this.r0 = r0;
            return this;
        }

        /** The preset name recorded in meta (optional, default "custom"). */
        public Builder optPreset(String preset) {
            this.preset = preset;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field
         */
        public Geometry build() {
            check(freq, "freq");
            check(x, "x");
            check(y, "y");
            check(u, "u");
            check(v, "v");
            for (double f : freq) {
                if (!(f > 0)) {
                    throw new IllegalArgumentException("geometry: freq must be positive, got " + f);
                }
            }
            if (tx == null || rx == null || tx.length == 0 || tx.length != rx.length) {
                throw new IllegalArgumentException(
                        "geometry: tx and rx must list the same positive number of pairs");
            }
            for (int p = 0; p < tx.length; p++) {
                if (tx[p].length != 3 || rx[p].length != 3) {
                    throw new IllegalArgumentException(
                            "geometry: tx and rx positions are 3-vectors (pair " + p + ")");
                }
                for (int k = 0; k < 3; k++) {
                    if (!Double.isFinite(tx[p][k]) || !Double.isFinite(rx[p][k])) {
                        throw new IllegalArgumentException(
                                "geometry: tx/rx of pair " + p + " is not finite");
                    }
                }
            }
            if (!(r0 > 0) || !Double.isFinite(r0)) {
                throw new IllegalArgumentException("geometry: R0 must be positive, got " + r0);
            }
            for (double zz : z) {
                if (!Double.isFinite(zz)) {
                    throw new IllegalArgumentException("geometry: z must be finite");
                }
            }
            return new Geometry(this);
        }

        private static void check(double[] a, String name) {
            if (a == null || a.length == 0) {
                throw new IllegalArgumentException("geometry: '" + name + "' is required");
            }
            for (double d : a) {
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(
                            "geometry: '" + name + "' holds a non-finite value");
                }
            }
        }
    }

    /** Shape formatting for summaries. */
    private static final class Shapes {
        static String text(Shape s) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < s.dimension(); k++) {
                b.append(k == 0 ? "" : "x").append(s.get(k));
            }
            return b.toString();
        }
    }
}
