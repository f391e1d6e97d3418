package org.rfrecon.datasets.npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.rfrecon.datasets.io.AtomicFiles;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip whose members {@code KEY.npy} are NPY arrays,
 * as {@code np.savez} writes them and {@code np.load} reads them.
 *
 * <p>Reading accepts stored and deflated members ({@code np.savez_compressed}) and checks each
 * member's CRC-32. Writing stores members uncompressed with a fixed timestamp (1980-01-01), so the
 * same arrays always give the same bytes; the archive is written atomically.
 */
public final class Npz {

    /** The largest member read, in bytes (a Java array's limit, less the NPY header room). */
    private static final long MAX_MEMBER = Integer.MAX_VALUE - 1024;

    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    /**
     * Reads every array of the archive at {@code path}, in archive order.
     *
     * @return an unmodifiable map from key (member name without {@code .npy}) to array
     * @throws NpyFormatException if the archive or any member is malformed
     */
    public static Map<String, HostArray> read(Path path) throws IOException {
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new NpyFormatException(file, "no such file");
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw new NpyFormatException(
                            file, "member '" + name + "' is not an NPY array (expected KEY.npy)");
                }
                String key = name.substring(0, name.length() - 4);
                String source = file + ":" + key;
                byte[] bytes = readMember(zip, e, source);
                if (out.put(key, Npy.fromBytes(bytes, source)) != null) {
                    throw new NpyFormatException(source, "duplicate key");
                }
            }
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new NpyFormatException(file, "not a valid NPZ (zip) archive: " + firstLine(e), e);
        }
        if (out.isEmpty()) {
            throw new NpyFormatException(file, "the archive holds no arrays");
        }
        return Collections.unmodifiableMap(out);
    }

    private static byte[] readMember(ZipFile zip, ZipEntry e, String source) throws IOException {
        if (e.getSize() > MAX_MEMBER) {
            throw new NpyFormatException(
                    source, "member of " + e.getSize() + " bytes is too large");
        }
        ByteArrayOutputStream buf =
                new ByteArrayOutputStream((int) Math.max(64, Math.min(e.getSize(), 1 << 24)));
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        try (InputStream in = zip.getInputStream(e)) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                if (total > MAX_MEMBER || (e.getSize() >= 0 && total > e.getSize())) {
                    // a corrupted or hostile member: stop before inflating it into memory
                    throw new NpyFormatException(
                            source, "member inflates beyond its declared size " + e.getSize());
                }
                crc.update(chunk, 0, n);
                buf.write(chunk, 0, n);
            }
        }
        if (e.getSize() >= 0 && total != e.getSize()) {
            throw new NpyFormatException(
                    source, "truncated member: " + total + " bytes of " + e.getSize());
        }
        if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw new NpyFormatException(source, "CRC-32 mismatch: the member is corrupted");
        }
        return buf.toByteArray();
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

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
