package org.rfrecon.datasets.npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.rfrecon.datasets.io.AtomicFiles;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip whose members {@code KEY.npy} are NPY arrays,
 * as {@code np.savez} writes them and {@code np.load} reads them.
 *
 * <p>Reading ({@link NpzReader}) accepts stored and deflated members ({@code np.savez_compressed}),
 * reads each member's header before its data, bounds inflation by that header and checks each
 * member's CRC-32. Writing stores members uncompressed with a fixed timestamp (1980-01-01), so the
 * same arrays always give the same bytes; the archive is written atomically.
 */
public final class Npz {

    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    /**
     * Reads every array of the archive at {@code path}, in archive order, each member bounded by
     * its own header ({@link NpzReader}). Where the expected shapes are known, read through {@link
     * NpzReader#read(String, NpzReader.HeaderCheck)} instead, so a wrong shape is refused before
     * its data is inflated.
     *
     * @return an unmodifiable map from key (member name without {@code .npy}) to array
     * @throws NpyFormatException if the archive or any member is malformed
     */
    public static Map<String, HostArray> read(Path path) throws IOException {
        try (NpzReader r = NpzReader.open(path)) {
            return r.readAll();
        }
    }

    /** Writes {@code arrays} (key to array, in map order) to {@code path} atomically. */
    public static void write(Path path, Map<String, HostArray> arrays) throws IOException {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException(path + ": an NPZ archive needs at least one array");
        }
        AtomicFiles.write(path, out -> writeTo(out, arrays));
    }

    /** Writes the archive bytes of {@code arrays} to {@code out} (not closing it). */
    public static void writeTo(OutputStream out, Map<String, HostArray> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, HostArray> a : arrays.entrySet()) {
            byte[] bytes = Npy.toBytes(a.getValue());
            ZipEntry e = new ZipEntry(a.getKey() + ".npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(bytes.length);
            e.setCompressedSize(bytes.length);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            e.setCrc(crc.getValue());
            e.setTimeLocal(FIXED_TIME);
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
    }

    /** The archive bytes of {@code arrays}. */
    public static byte[] toBytes(Map<String, HostArray> arrays) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeTo(b, arrays);
        return b.toByteArray();
    }
}
