package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.cli.CommandLineTest.run;
import static org.rfrecon.cli.CommandLineTest.runOk;
import static org.rfrecon.core.testing.CommandWords.words;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.datasets.io.Processes;

/**
 * Nothing a user types destroys data: outputs that are inputs are refused, outputs are all or
 * nothing, bad counts are refused before any work, and an interrupted dataset resumes.
 */
class SafeOutputsTest {

    @TempDir Path tmp;
    private Path sim;
    private byte[] simBytes;

    @BeforeEach
    void simulate() throws IOException {
        sim = tmp.resolve("x.npz");
        Object[] r = runOk(words("simulate --preset tiny --seed 3 --out {}", sim));
        simBytes = Files.readAllBytes(sim);
    }

    /** The entries of the temporary directory, hidden ones included. */
    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp))
                    .map(p -> tmp.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private static void assertRefused(Object[] r, String... phrases) {
        assertEquals(2, r[0], "stdout:\n" + r[1] + "\nstderr:\n" + r[2]);
        String err = ((String) r[2]).strip();
        assertEquals(1, err.lines().count(), err);
        for (String p : phrases) {
            assertTrue(err.contains(p), "'" + p + "' not in: " + err);
        }
    }

    @Test
    void anOutputThatResolvesToTheInputIsRefusedAndTheInputKept() throws IOException {
        Path sub = Files.createDirectory(tmp.resolve("sub"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.npz"), sim);
        for (Path out : new Path[] {sim, sub.resolve("../x.npz"), link}) {
            assertRefused(
                    run(words("reconstruct --input {} --method backprojection --out {}", sim, out)),
                    "is the input");
            assertRefused(
                    run(words("infer --model zoo:unrolled-small --input {} --out {}", sim, out)),
                    "is the input");
            assertRefused(
                    run(
                            words(
                                    "reconstruct --input {} --method backprojection --out {} --json {}",
                                    sim,
                                    tmp.resolve("r.npz"),
                                    out)),
                    "is the input");
        }
        assertArrayEquals(simBytes, Files.readAllBytes(sim));
        assertEquals(List.of("link.npz", "sub", "x.npz"), entries());
    }

    @Test
    void anUnwritableSecondOutputLeavesNoFirstOutput() throws IOException {
        Files.writeString(tmp.resolve("afile"), "not a directory");
        String bad = tmp.resolve("afile").resolve("x.png").toString();
        String rec = tmp.resolve("r.npz").toString();
        String[][] cases = {
            words("reconstruct --input {} --method cg --out {} --png {}", sim, rec, bad),
            words(
                    "reconstruct --input {} --method cg --out {} --json {}",
                    sim,
                    rec,
                    tmp.resolve("afile/x.json")),
            words("infer --model zoo:unrolled-small --input {} --out {} --png {}", sim, rec, bad),
            words("simulate --preset tiny --out {} --png {}", tmp.resolve("s.npz"), bad),
            words("simulate --preset tiny --count 3 --out {} --png {}", tmp.resolve("ds"), bad),
        };
        for (String[] c : cases) {
            assertRefused(run(c), "cannot write x.", "afile is not a directory");
            assertEquals(List.of("afile", "x.npz"), entries(), String.join(" ", c));
        }
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        assertRefused(
                run(
                        words(
                                "simulate --preset tiny --count 3 --out {} --json {}",
                                tmp.resolve("ds"),
                                dir)),
                "cannot write dir: it is a directory");
        assertEquals(List.of("afile", "dir", "x.npz"), entries());
    }

    @Test
    void allOutputsAppearTogetherAndSayWrote() throws IOException {
        Object[] r =
                runOk(
                        words(
                                "reconstruct --input {} --method fista --iters 20 --out {} --png {} --json {}",
                                sim,
                                tmp.resolve("new/r.npz"),
                                tmp.resolve("new/r.png"),
                                tmp.resolve("r.json")));
        assertEquals(List.of("new", "new/r.npz", "new/r.png", "r.json", "x.npz"), entries());
        for (String f : new String[] {"new/r.npz", "new/r.png", "r.json"}) {
            assertTrue(((String) r[1]).contains("wrote " + tmp.resolve(f)), (String) r[1]);
        }
        // progress: plain lines on stderr when no terminal is attached (as in a test)
        String err = (String) r[2];
        assertTrue(err.contains("fista: iteration 1/20, objective "), err);
        assertTrue(err.lines().filter(l -> l.startsWith("fista: iteration")).count() <= 12, err);
    }

    @Test
    void countsThatCannotBeStoredAreRefusedBeforeAnyWork() throws IOException {
        String ds = tmp.resolve("ds").toString();
        assertRefused(
                run(words("simulate --preset tiny --count 137438953536 --out {}", ds)),
                "--count 137438953536");
        assertRefused(
                run(words("simulate --preset tiny --count 9223372036854775807 --out {}", ds)),
                "--count 9223372036854775807");
        assertRefused(
                run(
                        words(
                                "simulate --preset small --count 1000000 --shard-size 2147483647 --out {}",
                                ds)),
                "--shard-size 2147483647");
        assertEquals(List.of("x.npz"), entries());
    }

    @Test
    void anInterruptedDatasetResumesFromItsVerifiedShards() throws IOException {
        Path ds = tmp.resolve("ds");
        Path whole = tmp.resolve("whole");
        String[] args = {"simulate", "--preset", "tiny", "--count", "5", "--shard-size", "2"};
        Object[] r = runOk(CommandLineTest.concat(args, "--out", whole.toString()));
        // what a run killed during shard 2 leaves: shards 0 and 1 recorded, a stale temporary
        Path partial = tmp.resolve(".ds.partial");
        r = runOk(CommandLineTest.concat(args, "--out", ds.toString()));
        Files.move(ds, partial);
        Files.delete(partial.resolve("shard-00002.npz"));
        Files.delete(partial.resolve("dataset.json"));
        Files.createDirectories(partial.resolve(".rfrecon-progress"));
        Files.writeString(partial.resolve(".rfrecon-progress/request.json"), requestOf(whole));
        for (int k = 0; k < 2; k++) {
            Files.writeString(
                    partial.resolve(".rfrecon-progress/shard-0000" + k + ".npz.json"),
                    shardEntry(whole, k));
        }
        Path stale = partial.resolve(".shard-00002.npz.999999999@" + Processes.host() + ".7.tmp");
        Files.writeString(stale, "half");
        r = runOk(CommandLineTest.concat(args, "--out", ds.toString()));
        assertTrue(((String) r[1]).contains("2 of 3 shards kept"), (String) r[1]);
        assertFalse(Files.exists(partial));
        try (Stream<Path> s = Files.list(whole)) {
            for (Path p : s.toList()) {
                assertArrayEquals(
                        Files.readAllBytes(p),
                        Files.readAllBytes(ds.resolve(p.getFileName())),
                        p.getFileName().toString());
            }
        }
        try (Stream<Path> s = Files.list(ds)) {
            assertEquals(4, s.count(), "three shards and dataset.json, nothing else");
        }
    }

    /** The request of a dataset directory as an unfinished run records it. */
    private static String requestOf(Path dir) throws IOException {
        com.google.gson.JsonObject o =
                com.google.gson.JsonParser.parseString(
                                Files.readString(dir.resolve("dataset.json")))
                        .getAsJsonObject();
        o.add("shards", new com.google.gson.JsonArray());
        return o.toString();
    }

    private static String shardEntry(Path dir, int k) throws IOException {
        return com.google.gson.JsonParser.parseString(Files.readString(dir.resolve("dataset.json")))
                .getAsJsonObject()
                .getAsJsonArray("shards")
                .get(k)
                .toString();
    }

    @Test
    void demoAndInferValidateBeforeWork() throws IOException {
        Path demo = tmp.resolve("demo");
        assertRefused(run(words("demo --out {} --count 0", demo)), "--count");
        assertRefused(run(words("demo --out {} --admm-iters -1", demo)), "--admm-iters");
        String[] infer = {"infer", "--model", "zoo:unrolled-small", "--input", sim.toString()};
        assertRefused(
                run(CommandLineTest.concat(infer, "--out", tmp.resolve("rec").toString())), ".npz");
        assertRefused(
                run(
                        CommandLineTest.concat(
                                infer,
                                "--out",
                                tmp.resolve("r.npz").toString(),
                                "--png",
                                tmp.resolve("r.jpg").toString())),
                ".png");
        assertEquals(List.of("x.npz"), entries());
    }

    @Test
    void helpNamesPresetsAndDocsNotTheSpec() {
        for (String c :
                new String[] {
                    "simulate",
                    "train",
                    "bench",
                    "memory",
                    "reconstruct",
                    "infer",
                    "ablate",
                    "zoo",
                    "demo"
                }) {
            Object[] r = run(c, "--help");
            assertEquals(0, r[0]);
            String help = (String) r[1];
            assertFalse(help.contains("SPEC"), help);
            if (List.of("simulate", "train", "bench", "memory").contains(c)) {
                assertTrue(help.contains("tiny, tiny-3d, small"), help);
            }
        }
    }

    @Test
    void zooColumnsAlignWhateverTheirWidths() {
        String t =
                ZooCommand.table(
                        List.of(
                                new String[] {"name", "preset", "architecture", "NMSE (dB)", "loc"},
                                new String[] {"a", "tiny", "K=12 threshold-cnn", "-0.82", "/x"},
                                new String[] {
                                    "a-much-longer-name", "small", "K=4 cnn", "-12.50", "/y"
                                }));
        List<String> lines = t.lines().toList();
        int loc = lines.get(0).indexOf("loc");
        int nmseEnd = lines.get(0).indexOf("NMSE (dB)") + "NMSE (dB)".length();
        assertEquals(loc, lines.get(1).indexOf("/x"), t);
        assertEquals(loc, lines.get(2).indexOf("/y"), t);
        assertEquals(nmseEnd, lines.get(1).indexOf("-0.82") + 5, t);
        assertEquals(nmseEnd, lines.get(2).indexOf("-12.50") + 6, t);
        Object[] r = run("zoo", "list");
        assertEquals(0, r[0]);
        List<String> zoo = ((String) r[1]).lines().toList();
        int at = zoo.get(0).indexOf("location");
        for (String l : zoo.subList(1, zoo.size())) {
            assertTrue(l.length() > at && l.charAt(at - 1) == ' ' && l.charAt(at) != ' ', l);
        }
    }
}
