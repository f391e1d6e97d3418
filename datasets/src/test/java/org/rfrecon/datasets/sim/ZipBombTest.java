package org.rfrecon.datasets.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.Npy;
import org.rfrecon.datasets.npy.NpyBytes;
import org.rfrecon.datasets.npy.NpyFormatException;
import org.rfrecon.datasets.npy.NpzReader;

/**
 * Zip bombs: a simulation file of about 1.9 MB whose deflated {@code y.npy} expands to 1.9 GB is
 * refused with one line, and the bytes inflated stay within what a valid file of the geometry in
 * meta holds: whether the NPY header declares the huge shape honestly, or declares the right shape
 * and the member inflates past it, or the zip's own sizes lie.
 */
class ZipBombTest {

    /** The bomb's inflated size: 1.9 GB (1812 MiB). */
    private static final long BOMB = 1812L << 20;

    @TempDir Path dir;

    /** A bomb member declaring shape {@code yShape} with BOMB bytes of zeros after its header. */
    private Path bomb(String name, long[] yShape, boolean honestZipSize) throws Exception {
        Map<String, HostArray> a;
        try (NDManager m = NDManager.newBaseManager();
                Simulator sim =
                        Simulator.builder()
                                .setGeometry(Preset.TINY.geometry())
                                .setManager(m)
                                .build();
                Simulation s = sim.simulate(m, 0)) {
            a = SimulationFile.arrays(s, sim.factors());
        }
        byte[] header = header(yShape);
        List<Member> members = new ArrayList<>();
        members.add(Member.stored("meta.npy", Npy.toBytes(a.get("meta"))));
        members.add(Member.stored("scene.npy", Npy.toBytes(a.get("scene"))));
        long size = header.length + BOMB;
        long declared = honestZipSize ? size : header.length + 8L * 2 * 4 * 8 * 8;
        members.add(new Member("y.npy", deflatedBomb(header, BOMB), declared, 0));
        for (String k : new String[] {"y_clean", "A1", "A2", "s"}) {
            members.add(Member.stored(k + ".npy", Npy.toBytes(a.get(k))));
        }
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            writeZip(out, members);
        }
        assertTrue(Files.size(f) < 3_000_000, "a small file: " + Files.size(f));
        return f;
    }

    @Test
    void aHeaderDeclaringGigabytesIsRefusedBeforeItsDataIsInflated() throws Exception {
        long[] huge = {2, 4, 8, BOMB / (8 * 2 * 4 * 8)}; // ~1.9 GB of <c8, honestly declared
        Path f = bomb("honest.npz", huge, true);
        assertRefused(
                f, "y: shape (2, 4, 8, " + huge[3] + "), expected (2, 4, 8, 8) from the geometry");
    }

    @Test
    void aMemberInflatingPastItsHeaderIsStoppedThere() throws Exception {
        long[] right = {2, 4, 8, 8}; // tiny's measurement shape: 4096 bytes of <c8
        for (boolean honest : new boolean[] {true, false}) {
            Path f = bomb("past-" + honest + ".npz", right, honest);
            assertRefused(f, "y: shape (2, 4, 8, 8) of <c8 needs 4096 bytes but the member holds");
        }
    }

    private static void assertRefused(Path f, String fragment) throws IOException {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> SimulationFile.read(f));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        try (NpzReader r = NpzReader.open(f)) {
            SimulationMeta meta = SimulationFile.readMeta(r, f.toString());
            var g = meta.geometry();
            SimulationFile.check(r, f.toString(), "scene", g.sceneShape(), null);
            assertThrows(
                    NpyFormatException.class,
                    () -> SimulationFile.check(r, f.toString(), "y", g.measurementShape(), null));
            // meta, scene and y as a valid tiny file holds them (plus one byte to see y end)
            long valid = 64 * 1024;
            assertTrue(
                    r.inflatedBytes() < valid,
                    "inflated " + r.inflatedBytes() + " bytes of a " + BOMB + "-byte bomb");
        }
    }

    /** An NPY 1.0 header of {@code <c8} and {@code shape}, padded to 64 bytes as NumPy pads it. */
    private static byte[] header(long[] shape) {
        String dict =
                "{'descr': '<c8', 'fortran_order': False, 'shape': "
                        + HostArray.shapeString(shape)
                        + ", }";
        return NpyBytes.withDict(dict, 0);
    }

    /**
     * A raw deflate stream of {@code header} then {@code zeros} zero bytes, about 1000 times
     * smaller: one full-flushed segment of 1 MiB of zeros (byte-aligned, no back references)
     * repeated, then a final empty block.
     */
    private static byte[] deflatedBomb(byte[] header, long zeros) {
        int mib = 1 << 20;
        if (zeros % mib != 0) {
            zeros = zeros / mib * mib + mib;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(flushed(header));
        byte[] segment = flushed(new byte[mib]);
        for (long i = 0; i < zeros / mib; i++) {
            out.writeBytes(segment);
        }
        out.writeBytes(new byte[] {0x03, 0x00}); // a final, empty, fixed-Huffman block
        return out.toByteArray();
    }

    private static byte[] flushed(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    /** One zip member: its stored bytes, the uncompressed size it declares, and its CRC-32. */
    private record Member(String name, byte[] data, long size, long crc, int method) {
        Member(String name, byte[] deflated, long size, long crc) {
            this(name, deflated, size, crc, 8);
        }

        static Member stored(String name, byte[] bytes) {
            CRC32 c = new CRC32();
            c.update(bytes);
            return new Member(name, bytes, bytes.length, c.getValue(), 0);
        }
    }

    /** A minimal zip (no zip64): local headers and data, the central directory, its end record. */
    private static void writeZip(OutputStream os, List<Member> members) throws IOException {
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        long offset = 0;
        for (Member m : members) {
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer local = le(30 + name.length);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0);
            local.putShort((short) m.method()).putInt(0).putInt((int) m.crc());
            local.putInt(m.data().length).putInt((int) m.size());
            local.putShort((short) name.length).putShort((short) 0).put(name);
            os.write(local.array());
            os.write(m.data());
            ByteBuffer c = le(46 + name.length);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
            c.putShort((short) m.method()).putInt(0).putInt((int) m.crc());
            c.putInt(m.data().length).putInt((int) m.size());
            c.putShort((short) name.length).putShort((short) 0).putShort((short) 0);
            c.putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset).put(name);
            central.writeBytes(c.array());
            offset += 30 + name.length + m.data().length;
        }
        os.write(central.toByteArray());
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
        end.putShort((short) members.size()).putShort((short) members.size());
        end.putInt(central.size()).putInt((int) offset).putShort((short) 0);
        os.write(end.array());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
