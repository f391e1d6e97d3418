package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.SimulationData;
import org.rfrecon.datasets.sim.SimulationFile;

/** {@code rfrecon simulate}: files, directories, reports, and exit code 2 with nothing written. */
class SimulateCommandTest {

    @TempDir Path dir;

    @Test
    void oneFileWithPngAndJson() throws Exception {
        Path out = dir.resolve("sub/sim.npz");
        Path json = dir.resolve("sim.json");
        Path png = dir.resolve("sim.png");
        int rc =
                Main.run(
                        "simulate",
                        "--preset",
                        "tiny",
                        "--physics",
                        "exact",
                        "--scene",
                        "shapes",
                        "--snr",
                        "12.5",
                        "--seed",
                        "3",
                        "--out",
                        out.toString(),
                        "--png",
                        png.toString(),
                        "--json",
                        json.toString());
        assertEquals(0, rc);
        SimulationData d = SimulationFile.read(out);
        assertEquals("exact", d.meta().physics().id());
        assertEquals(3, d.meta().seed());
        JsonObject r = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(12.5, r.get("measured_snr_db").getAsDouble(), 0.2);
        assertEquals(12.5, r.get("snr_db").getAsDouble());
        assertEquals("exact", r.get("physics").getAsString());
        assertTrue(r.getAsJsonObject("scene_stats").get("nonzero").getAsLong() > 0);
        assertNotNull(ImageIO.read(png.toFile()));
    }

    @Test
    void datasetDirectoryWithCount() throws Exception {
        Path out = dir.resolve("ds");
        assertEquals(
                0,
                Main.run(
                        "simulate",
                        "--preset",
                        "tiny",
                        "--count",
                        "3",
                        "--shard-size",
                        "2",
                        "--snr",
                        "inf",
                        "--out",
                        out.toString()));
        DatasetDirectory d = DatasetDirectory.open(out);
        assertEquals(3, d.info().count());
        assertEquals(2, d.info().shards().size());
        assertEquals(Double.POSITIVE_INFINITY, d.info().snrDb());
        d.readShard(1);
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws Exception {
        Path existing = dir.resolve("full");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("keep.txt"), "x");
        String npz = dir.resolve("a.npz").toString();
        List<String[]> bad =
                List.of(
                        new String[] {"--preset", "nope", "--out", npz},
                        new String[] {"--preset", "tiny", "--physics", "ray", "--out", npz},
                        new String[] {"--preset", "tiny", "--scene", "clouds", "--out", npz},
                        new String[] {"--preset", "tiny", "--snr", "loud", "--out", npz},
                        new String[] {"--preset", "tiny", "--out", dir.resolve("a.txt").toString()},
                        new String[] {
                            "--preset", "tiny", "--count", "0", "--out", dir.resolve("d").toString()
                        },
                        new String[] {
                            "--preset", "tiny", "--count", "2", "--out", existing.toString()
                        },
                        new String[] {
                            "--preset",
                            "tiny",
                            "--out",
                            npz,
                            "--png",
                            dir.resolve("p.jpg").toString()
                        },
                        new String[] {"--preset", "tiny", "--out", npz, "--device", "tpu"},
                        new String[] {"--preset", "tiny", "--seed", "many", "--out", npz},
                        new String[] {"--out", npz});
        for (String[] args : bad) {
            String[] full = new String[args.length + 1];
            full[0] = "simulate";
            System.arraycopy(args, 0, full, 1, args.length);
            assertEquals(2, Main.run(full), String.join(" ", full));
            try (Stream<Path> s = Files.walk(dir)) {
                assertEquals(
                        List.of(dir, existing, existing.resolve("keep.txt")),
                        s.sorted().toList(),
                        "nothing written by " + String.join(" ", full));
            }
        }
    }

    @Test
    void progressPrintsFewPlainLinesOrABar() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Progress p =
                new Progress(
                        "work", 1000, new PrintStream(b, true, StandardCharsets.UTF_8), false)) {
            for (int i = 1; i <= 1000; i++) {
                p.update(i);
            }
        }
        String plain = b.toString(StandardCharsets.UTF_8);
        long lines = plain.lines().count();
        assertTrue(lines >= 10 && lines <= 11, lines + " lines:\n" + plain);
        assertTrue(plain.contains("work: 1000/1000 (100%)"), plain);
        b.reset();
        try (Progress p =
                new Progress("work", 4, new PrintStream(b, true, StandardCharsets.UTF_8), true)) {
            p.update(2);
        }
        String bar = b.toString(StandardCharsets.UTF_8);
        assertTrue(bar.startsWith("\rwork [###############") && bar.contains(" 50% 2/4"), bar);
    }
}
