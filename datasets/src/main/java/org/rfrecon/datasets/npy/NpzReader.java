package org.rfrecon.datasets.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.rfrecon.core.naming.Messages;

/**
 * Reads the members of an NPZ archive one at a time, each header before its data, so that a reader
 * who knows what to expect (a simulation file's geometry gives every shape) refuses a wrong dtype
 * or shape before a byte of data is inflated.
 *
 * <p>Inflation is bounded by the header, never by the zip's own declared sizes: a member is read up
 * to the byte count its header implies and one byte more, to see that it ends there; a member that
 * runs on is refused at that point. So a deflated member that expands to gigabytes (a zip bomb)
 * costs at most its header and the data a valid array of that header holds. Each member's CRC-32 is
 * checked after it is read.
 *
 * <pre>
 *   try (NpzReader r = NpzReader.open(path)) {
 *       HostArray y = r.read("y", h -> check(h)); // check throws on a wrong dtype or shape
 *   }
 * </pre>
 */
public final class NpzReader implements AutoCloseable {

    /** A check of a member's header, run before its data is read. */
    @FunctionalInterface
    public interface HeaderCheck {
        /**
         * Accepts or refuses a header.
         *
         * @param header what the member declares
         * @throws NpyFormatException to refuse the member
         */
        void check(NpyInfo header) throws NpyFormatException;
    }

    private final String file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> members;
    private long inflated;

    private NpzReader(String file, ZipFile zip, Map<String, ZipEntry> members) {
        this.file = file;
        this.zip = zip;
        this.members = members;
    }

    /**
     * Opens an archive and lists its members (reading only the zip's central directory).
     *
     * @throws NpyFormatException if the file is missing, not a zip, empty, or has a member that is
     *     not {@code KEY.npy} or a duplicate key
     */
    public static NpzReader open(Path path) throws IOException {
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new NpyFormatException(file, "no such file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (IOException | RuntimeException e) {
            throw new NpyFormatException(
                    file, "not a valid NPZ (zip) archive: " + Messages.firstLine(e), e);
        }
        boolean ok = false;
        try {
            Map<String, ZipEntry> members = new LinkedHashMap<>();
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
                if (members.put(key, e) != null) {
                    throw new NpyFormatException(file + ":" + key, "duplicate key");
                }
            }
            if (members.isEmpty()) {
                throw new NpyFormatException(file, "the archive holds no arrays");
            }
            ok = true;
            return new NpzReader(file, zip, members);
        } catch (NpyFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NpyFormatException(
                    file, "not a valid NPZ (zip) archive: " + Messages.firstLine(e), e);
        } finally {
            if (!ok) {
                zip.close();
            }
        }
    }

    /** The keys, in archive order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(members.keySet());
    }

    /** Whether the archive holds {@code key}. */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The bytes inflated (read from member streams) so far, headers included. */
    public long inflatedBytes() {
        return inflated;
    }

    /**
     * Reads {@code key}, trusting its header's shape (as large as one host array may be). Prefer
     * {@link #read(String, HeaderCheck)} wherever the shape is known.
     */
    public HostArray read(String key) throws IOException {
        return read(key, h -> {});
    }

    /**
     * Reads {@code key}: its header first, then {@code check} on it, then exactly the data the
     * header implies (and one byte more to see the member end there), then the CRC-32.
     *
     * @throws NpyFormatException naming file and key: missing, malformed, refused by {@code check},
     *     truncated, running past its header's size, or corrupted
     */
    public HostArray read(String key, HeaderCheck check) throws IOException {
        String source = file + ":" + key;
        ZipEntry e = members.get(key);
        if (e == null) {
            throw new NpyFormatException(source, "missing (keys present: " + keys() + ")");
        }
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
            NpyInfo h = Npy.header(in, source);
            inflated += h.headerBytes();
            check.check(h);
            Npy.requireHostSize(h, source);
            long need = h.dataBytes();
            if (e.getSize() >= 0 && e.getSize() != h.headerBytes() + need) {
                // the zip's size disagrees with the header; the header bounds what is read
                throw sizeMismatch(source, h, e.getSize() - h.headerBytes());
            }
            byte[] data = new byte[(int) need];
            int got = 0;
            while (got < need) {
                int n = in.read(data, got, (int) need - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            inflated += got;
            if (got < need) {
                throw Npy.truncatedData(source, h, got);
            }
            if (in.read() >= 0) {
                inflated++;
                throw sizeMismatch(source, h, -1);
            }
            if (e.getCrc() >= 0 && in.getChecksum().getValue() != e.getCrc()) {
                throw new NpyFormatException(source, "CRC-32 mismatch: the member is corrupted");
            }
            return HostArray.of(h.dtype(), h.shape(), ByteBuffer.wrap(data));
        } catch (NpyFormatException x) {
            throw x;
        } catch (IOException | RuntimeException x) {
            throw new NpyFormatException(source, "unreadable member: " + Messages.firstLine(x), x);
        }
    }

    /**
     * Reads every member, each bounded by its own header.
     *
     * @return an unmodifiable map from key to array, in archive order
     */
    public Map<String, HostArray> readAll() throws IOException {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String key : members.keySet()) {
            out.put(key, read(key));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private static NpyFormatException sizeMismatch(String source, NpyInfo h, long have) {
        return new NpyFormatException(
                source,
                h.sizeNeeded()
                        + " but the member holds "
                        + (have < 0 ? "more" : Long.toString(have))
                        + " (shape does not match byte count)");
    }
}
