package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.testing.CapturedStreams;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.Npz;

/**
 * Drives the command line in-process with mutated inputs (truncated, bit-flipped and garbage NPZ
 * files, wrong shapes and dtypes, NaN and Inf, garbage configs) and mutated arguments (random and
 * repeated flags, values at the edges of their ranges, paths that collide with inputs or lie under
 * files), from a fixed seed. Every case must end with exit 0 or 2, print no stack trace, and after
 * a refusal (exit 2) leave the working directory exactly as it was. Cases are on the tiny preset,
 * and the generators keep valid runs small (a few iterations), so the whole run takes seconds.
 */
class CliFuzzTest {

    private static final long SEED = 20_261_201L;
    private static final int CASES = Integer.getInteger("rfrecon.fuzz.cases", 2000);

    /** A stack trace line, a "Caused by", or an exception class name leaking into a message. */
    private static final Pattern TRACE =
            Pattern.compile(
                    "(?m)^\\s+at [\\w.$/]+\\(.*\\)$|Caused by:|Exception:|\\bjava\\.(lang|io|nio|util)\\.\\w+(Exception|Error)");

    @TempDir Path tmp;

    private final List<String> inputs = new ArrayList<>();
    private final List<String> configs = new ArrayList<>();
    private Path work;

    @Test
    void everyCaseEndsInZeroOrTwoWithoutATraceOrALeftover() throws IOException {
        prepare();
        Random rnd = new Random(SEED);
        Map<String, Integer> codes = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();
        try {
            runCases(rnd, codes, nanos);
        } finally {
            System.out.println("fuzz: exit codes " + codes);
            nanos.forEach((c, t) -> System.out.printf("fuzz: %s %.1f s%n", c, t / 1e9));
        }
        // the generators reach both outcomes of the main commands
        for (String c : new String[] {"reconstruct 0", "reconstruct 2", "simulate 0", "infer 2"}) {
            assertTrue(codes.getOrDefault(c, 0) > 0, "no '" + c + "' case: " + codes);
        }
    }

    private void runCases(Random rnd, Map<String, Integer> codes, Map<String, Long> nanos)
            throws IOException {
        for (int i = 0; i < CASES; i++) {
            String[] args = arguments(rnd);
            List<String> before = listing();
            long t0 = System.nanoTime();
            Object[] r = run(args);
            nanos.merge(args.length == 0 ? "" : args[0], System.nanoTime() - t0, Long::sum);
            int code = (Integer) r[0];
            String what = "case " + i + ": rfrecon " + String.join(" ", args);
            String output = r[1] + "\n" + r[2];
            assertTrue(code == 0 || code == 2, what + " exited " + code + ":\n" + output);
            assertTrue(!TRACE.matcher(output).find(), what + " printed a trace:\n" + output);
            if (code == 2) {
                assertEquals(before, listing(), what + " left files after a refusal:\n" + output);
                assertEquals(
                        1,
                        ((String) r[2]).strip().lines().count(),
                        what + ": a refusal is one line on stderr:\n" + r[2]);
            } else {
                for (int k = 0; k + 1 < args.length; k++) {
                    if (List.of("--input", "--model", "--config").contains(args[k])) {
                        Path in = Path.of(args[k + 1]);
                        byte[] was = originals.get(in);
                        assertTrue(
                                was == null || java.util.Arrays.equals(was, Files.readAllBytes(in)),
                                what + " changed its input " + in + ":\n" + output);
                    }
                }
                clean(before);
                restore(); // a success may replace another pool file (an output it was given)
            }
            codes.merge(args.length == 0 ? "" : args[0] + " " + code, 1, Integer::sum);
        }
    }

    private picocli.CommandLine cl;

    /**
     * Runs one case on a command line built once (building picocli's model of every command costs
     * more than most refusals), capturing what it prints.
     */
    private Object[] run(String... args) {
        if (cl == null) {
            cl = Main.commandLine();
        }
        picocli.CommandLine c = cl;
        CapturedStreams.Result r =
                CapturedStreams.capture(
                        (po, pe) -> {
                            setStreams(
                                    c,
                                    new java.io.PrintWriter(po, true),
                                    new java.io.PrintWriter(pe, true));
                            return c.execute(args);
                        });
        return new Object[] {r.code(), r.out(), r.err()};
    }

    private static void setStreams(
            picocli.CommandLine c, java.io.PrintWriter out, java.io.PrintWriter err) {
        c.setOut(out);
        c.setErr(err);
        for (picocli.CommandLine sub : c.getSubcommands().values()) {
            setStreams(sub, out, err);
        }
    }

    /** The inputs: a valid tiny simulation, its mutations, a dataset, configs, odd files. */
    private void prepare() throws IOException {
        work = Files.createDirectory(tmp.resolve("w"));
        Path sim = work.resolve("sim.npz");
        Object[] r = CommandLineTest.run(words("simulate --preset tiny --seed 1 --out {}", sim));
        assertEquals(0, r[0], (String) r[2]);
        r =
                CommandLineTest.run(
                        words("simulate --preset tiny --count 2 --out {}", work.resolve("ds")));
        assertEquals(0, r[0], (String) r[2]);
        byte[] good = Files.readAllBytes(sim);
        Random rnd = new Random(SEED + 1);
        inputs.add(sim.toString());
        inputs.add(work.resolve("ds").toString());
        inputs.add(work.resolve("missing.npz").toString());
        inputs.add(work.toString());
        inputs.add(write("empty.npz", new byte[0]));
        inputs.add(write("text.npz", "not a zip".getBytes()));
        for (int k = 0; k < 12; k++) {
            int n = 1 + rnd.nextInt(good.length - 1);
            inputs.add(write("trunc" + k + ".npz", java.util.Arrays.copyOf(good, n)));
        }
        for (int k = 0; k < 12; k++) {
            byte[] b = good.clone();
            for (int f = 0; f <= rnd.nextInt(8); f++) {
                int at = rnd.nextInt(b.length);
                b[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            inputs.add(write("flip" + k + ".npz", b));
        }
        for (int k = 0; k < 6; k++) {
            byte[] b = good.clone();
            int at = rnd.nextInt(b.length);
            for (int j = at; j < Math.min(b.length, at + 1 + rnd.nextInt(512)); j++) {
                b[j] = (byte) rnd.nextInt(256);
            }
            inputs.add(write("garbage" + k + ".npz", b));
        }
        Map<String, HostArray> arrays = Npz.read(sim);
        inputs.add(variant(arrays, "noy.npz", m -> m.remove("y")));
        inputs.add(variant(arrays, "nometa.npz", m -> m.remove("meta")));
        inputs.add(variant(arrays, "badmeta.npz", m -> m.put("meta", HostArray.ofUtf8("{\"x\":"))));
        inputs.add(variant(arrays, "nanY.npz", m -> m.put("y", poisoned(m.get("y"), Double.NaN))));
        inputs.add(
                variant(
                        arrays,
                        "infA1.npz",
                        m -> m.put("A1", poisoned(m.get("A1"), Double.POSITIVE_INFINITY))));
        inputs.add(
                variant(
                        arrays,
                        "shapeY.npz",
                        m -> {
                            HostArray y = m.get("y");
                            long[] s = y.shape();
                            m.put(
                                    "y",
                                    HostArray.ofComplex(
                                            y.dtype(),
                                            new long[] {s[0] * s[1], s[2], s[3]},
                                            y.toInterleaved()));
                        }));
        inputs.add(
                variant(
                        arrays,
                        "realScene.npz",
                        m -> {
                            HostArray x = m.get("scene");
                            m.put(
                                    "scene",
                                    HostArray.ofDoubles(
                                            x.shape(),
                                            java.util.Arrays.copyOf(
                                                    x.toInterleaved(), (int) x.size())));
                        }));
        inputs.add(
                variant(
                        arrays,
                        "c16.npz",
                        m -> {
                            HostArray y = m.get("y");
                            m.put(
                                    "y",
                                    HostArray.ofComplex(
                                            DType.COMPLEX128, y.shape(), y.toInterleaved()));
                        }));
        configs.add(write("cfg-garbage.json", "{{{".getBytes()));
        configs.add(write("cfg-array.json", "[1, 2]".getBytes()));
        configs.add(write("cfg-unknown.json", "{\"preset\": \"tiny\", \"colour\": 1}".getBytes()));
        configs.add(write("cfg-type.json", "{\"preset\": \"tiny\", \"stages\": \"x\"}".getBytes()));
        configs.add(write("cfg-nopreset.json", "{\"epochs\": 1}".getBytes()));
        configs.add(write("cfg-neg.json", "{\"preset\": \"tiny\", \"epochs\": -3}".getBytes()));
        configs.add(write("cfg-badpreset.json", "{\"preset\": \"huge\"}".getBytes()));
        configs.add(write("cfg-null.json", "null".getBytes()));
        configs.add(sim.toString());
        configs.add(work.resolve("missing.json").toString());
        Files.writeString(work.resolve("afile"), "a regular file");
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                originals.put(p, Files.readAllBytes(p));
            }
        }
    }

    /** The prepared files' bytes, to check inputs and restore replaced outputs. */
    private final Map<Path, byte[]> originals = new LinkedHashMap<>();

    private void restore() throws IOException {
        for (Map.Entry<Path, byte[]> e : originals.entrySet()) {
            Path p = e.getKey();
            if (!Files.isRegularFile(p) || Files.size(p) != e.getValue().length) {
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        }
    }

    private String write(String name, byte[] bytes) throws IOException {
        return Files.write(work.resolve(name), bytes).toString();
    }

    private String variant(
            Map<String, HostArray> arrays,
            String name,
            java.util.function.Consumer<Map<String, HostArray>> change)
            throws IOException {
        Map<String, HostArray> m = new LinkedHashMap<>(arrays);
        change.accept(m);
        Path p = work.resolve(name);
        Npz.write(p, m);
        return p.toString();
    }

    private static HostArray poisoned(HostArray a, double value) {
        double[] v = a.toInterleaved();
        v[v.length / 3] = value;
        return HostArray.ofComplex(a.dtype(), a.shape(), v);
    }

    // ---- argument generators ----

    private String[] arguments(Random rnd) {
        List<String> a = new ArrayList<>();
        switch (rnd.nextInt(11)) {
            case 0, 1, 2, 3 -> reconstruct(rnd, a);
            case 4, 5 -> simulate(rnd, a);
            case 6, 7 -> infer(rnd, a);
            case 8 -> refusingTrainOrAblate(rnd, a);
            case 9 -> refusingDemoOrBench(rnd, a);
            default -> misc(rnd, a);
        }
        mutate(rnd, a);
        return a.toArray(String[]::new);
    }

    private void reconstruct(Random rnd, List<String> a) {
        a.add("reconstruct");
        opt(rnd, a, 0.95, "--input", rnd.nextDouble() < 0.15 ? inputs.get(0) : pick(rnd, inputs));
        opt(
                rnd,
                a,
                0.95,
                "--method",
                pick(rnd, "backprojection", "cg", "fista", "admm", "ADMM", "x"));
        opt(rnd, a, 0.3, "--reg", pick(rnd, "l1", "tv", "TV", "l2", ""));
        opt(
                rnd,
                a,
                0.3,
                "--lambda",
                pick(rnd, "0.05", "0", "-1", "nan", "inf", "1e-300", "1e300", "x"));
        opt(rnd, a, 0.9, "--iters", pick(rnd, "1", "2", "3", "0", "-1", "x", "2147483648", "1.5"));
        opt(rnd, a, 0.15, "--device", pick(rnd, "cpu", "gpu", "tpu"));
        opt(rnd, a, 0.15, "--devices", pick(rnd, "1", "0", "-1", "all", "99", "x"));
        opt(rnd, a, 0.95, "--out", output(rnd, ".npz"));
        opt(rnd, a, 0.3, "--png", output(rnd, ".png"));
        opt(rnd, a, 0.3, "--json", output(rnd, ".json"));
    }

    private void simulate(Random rnd, List<String> a) {
        a.add("simulate");
        opt(rnd, a, 0.95, "--preset", pick(rnd, "tiny", "tiny", "tiny", "TINY", "nope", ""));
        opt(rnd, a, 0.3, "--physics", pick(rnd, "fresnel", "exact", "wave"));
        opt(rnd, a, 0.3, "--scene", pick(rnd, "points", "shapes", "mixed", "cats"));
        opt(rnd, a, 0.3, "--snr", pick(rnd, "30", "-30", "inf", "nan", "-inf", "1e309", "x"));
        opt(
                rnd,
                a,
                0.3,
                "--seed",
                pick(rnd, "0", "-1", "9223372036854775807", "9223372036854775808"));
        boolean dataset = rnd.nextDouble() < 0.4;
        if (dataset) {
            a.add("--count");
            a.add(pick(rnd, "1", "2", "0", "-1", "137438953536", "9223372036854775807", "x"));
            opt(
                    rnd,
                    a,
                    0.5,
                    "--shard-size",
                    pick(rnd, "1", "2", "0", "-1", "2147483647", "2147483648"));
        }
        opt(rnd, a, 0.95, "--out", newOutput(rnd, dataset && rnd.nextBoolean() ? "" : ".npz"));
        opt(rnd, a, 0.2, "--png", newOutput(rnd, ".png"));
        opt(rnd, a, 0.2, "--json", newOutput(rnd, ".json"));
        opt(rnd, a, 0.05, "--device", pick(rnd, "gpu", "tpu"));
    }

    private void infer(Random rnd, List<String> a) {
        a.add("infer");
        opt(
                rnd,
                a,
                0.95,
                "--model",
                pick(
                        rnd,
                        "zoo:unrolled-small",
                        "zoo:nope",
                        "zoo:",
                        work.toString(),
                        work.resolve("afile").toString(),
                        work.resolve("nomodel").toString(),
                        ""));
        opt(rnd, a, 0.95, "--input", pick(rnd, inputs));
        opt(rnd, a, 0.95, "--out", output(rnd, rnd.nextBoolean() ? ".npz" : ""));
        opt(rnd, a, 0.3, "--png", output(rnd, rnd.nextBoolean() ? ".png" : ".jpg"));
        opt(rnd, a, 0.3, "--json", output(rnd, ".json"));
    }

    /** train and ablate cases that are refused before training (a bad config or epoch count). */
    private void refusingTrainOrAblate(Random rnd, List<String> a) {
        if (rnd.nextBoolean()) {
            a.add("train");
            if (configOrPreset(rnd, a, "tiny", "nope")) {
                a.add("--epochs");
                a.add(pick(rnd, "0", "-1", "x", "2147483648"));
            }
            opt(rnd, a, 0.9, "--out", output(rnd, ""));
            opt(rnd, a, 0.2, "--resume", null);
            opt(rnd, a, 0.2, "--checkpointing", pick(rnd, "on", "off", "maybe"));
            opt(rnd, a, 0.2, "--json", output(rnd, ".json"));
        } else {
            a.add("ablate");
            configOrPreset(rnd, a, "nope", "", "volume-3d");
            opt(rnd, a, 0.9, "--out", output(rnd, ""));
        }
    }

    /**
     * {@code --config} with one of the configs or {@code --preset} with one of {@code presets}, at
     * even odds; whether it was {@code --preset}.
     */
    private boolean configOrPreset(Random rnd, List<String> a, String... presets) {
        if (rnd.nextBoolean()) {
            a.add("--config");
            a.add(pick(rnd, configs));
            return false;
        }
        a.add("--preset");
        a.add(pick(rnd, presets));
        return true;
    }

    /** demo and bench cases that are refused before work. */
    private void refusingDemoOrBench(Random rnd, List<String> a) {
        if (rnd.nextBoolean()) {
            a.add("demo");
            a.add("--out");
            a.add(output(rnd, ""));
            if (rnd.nextBoolean()) {
                a.add("--count");
                a.add(pick(rnd, "0", "-1", "x", "1001"));
            } else {
                a.add("--admm-iters");
                a.add(pick(rnd, "0", "-1", "x", "2147483648"));
            }
        } else {
            a.add("bench");
            if (rnd.nextBoolean()) {
                a.add("--preset");
                a.add(pick(rnd, "nope", ""));
            } else {
                a.add("--preset");
                a.add("tiny");
                a.add("--repeats");
                a.add(pick(rnd, "0", "-1", "1001", "x"));
            }
            opt(rnd, a, 0.3, "--json", output(rnd, ".json"));
        }
    }

    private void misc(Random rnd, List<String> a) {
        switch (rnd.nextInt(6)) {
            case 0 -> a.addAll(List.of("memory", "--preset", pick(rnd, "tiny", "small", "x", "")));
            case 1 -> a.addAll(List.of("zoo", pick(rnd, "list", "show", "")));
            case 2 -> a.add(pick(rnd, "--help", "--version", "help", "-h"));
            case 3 -> a.add(pick(rnd, "bogus", "", "--", "-", "reconstruct"));
            case 4 -> a.addAll(List.of(pick(rnd, "simulate", "infer", "train"), "--help"));
            default -> {}
        }
    }

    /** Random structural mutations: drop, repeat, swap, add unknown flags or a trailing flag. */
    private static void mutate(Random rnd, List<String> a) {
        if (a.size() > 1 && rnd.nextDouble() < 0.08) {
            a.remove(1 + rnd.nextInt(a.size() - 1));
        }
        if (a.size() > 2 && rnd.nextDouble() < 0.05) {
            a.add(a.get(1 + rnd.nextInt(a.size() - 1)));
        }
        if (rnd.nextDouble() < 0.05) {
            a.add(pick(rnd, "--bogus", "--out", "--iters", "-x", "--", "=", "--out=")); // dangling
        }
    }

    /** An output path: new, colliding with an input, under a regular file, a directory, odd. */
    private String output(Random rnd, String ext) {
        double u = rnd.nextDouble();
        if (u < 0.55) {
            return work.resolve("o" + rnd.nextInt(4) + ext).toString();
        } else if (u < 0.65) {
            return work.resolve("new/sub/o" + ext).toString();
        } else if (u < 0.75) {
            return pick(rnd, inputs);
        } else if (u < 0.85) {
            return work.resolve("afile/o" + ext).toString();
        } else if (u < 0.9) {
            return work.toString();
        } else if (u < 0.95) {
            return work.resolve("o.txt").toString();
        }
        return pick(rnd, "", "/", "\u0000x");
    }

    /** An output path that is never one of the inputs (for commands that read none). */
    private String newOutput(Random rnd, String ext) {
        String p = output(rnd, ext);
        return inputs.contains(p) || configs.contains(p) ? work.resolve("o" + ext).toString() : p;
    }

    private static void opt(Random rnd, List<String> a, double p, String flag, String value) {
        if (rnd.nextDouble() < p) {
            a.add(flag);
            if (value != null) {
                a.add(value);
            }
        }
    }

    private static String pick(Random rnd, String... v) {
        return v[rnd.nextInt(v.length)];
    }

    private static String pick(Random rnd, List<String> v) {
        return v.get(rnd.nextInt(v.size()));
    }

    /** Every path under the work directory with its size (hidden files included). */
    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.toList()) {
                out.add(work.relativize(p) + (Files.isDirectory(p) ? "/" : " " + Files.size(p)));
            }
            return new ArrayList<>(new TreeSet<>(out));
        }
    }

    /** Deletes what a successful case added, so later cases start from the same inputs. */
    private void clean(List<String> before) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String e : before) {
            names.add(
                    e.endsWith("/")
                            ? e.substring(0, e.length() - 1)
                            : e.substring(0, e.lastIndexOf(' ')));
        }
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!names.contains(work.relativize(p).toString())) {
                    org.rfrecon.datasets.io.AtomicFiles.deleteRecursively(p);
                }
            }
        }
    }
}
