package org.rfrecon.datasets.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.rfrecon.datasets.io.AtomicFiles;

/**
 * Reads and writes one NumPy {@code .npy} array, following the NPY format description
 * (numpy.lib.format): a 6-byte magic {@code \x93NUMPY}, a major and minor version byte, the header
 * length (uint16 little-endian for version 1.0, uint32 for 2.0 and 3.0), an ASCII header dictionary
 * padded with spaces and ended by a newline so that the data starts on a 64-byte boundary, then the
 * C-order element bytes.
 *
 * <p>Writes version 1.0 unless the header is longer than 65535 bytes (then 2.0), with the same
 * padding NumPy uses, so small arrays come out byte-identical to {@code np.save}. Reads versions
 * 1.0, 2.0 and 3.0; anything malformed ends in a one-line {@link NpyFormatException}.
 */
public final class Npy {

    /** The magic prefix of every NPY file. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private Npy() {}

    /** The complete NPY bytes of {@code a}. */
    public static byte[] toBytes(HostArray a) {
        long[] shape = a.shape();
        String dict = new NpyHeader(a.dtype().descr(), false, shape).format();
        if (shape.length > 0) {
            // NumPy leaves room to grow the first axis in place; copied for byte identity.
            dict += " ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length());
        }
        byte[] header = dict.getBytes(StandardCharsets.US_ASCII);
        int hlen = header.length + 1;
        int major = hlen + ALIGN - ((10 + hlen) % ALIGN) <= 0xffff ? 1 : 2;
        int pre = 6 + 2 + (major == 1 ? 2 : 4);
        int pad = ALIGN - ((pre + hlen) % ALIGN);
        int total = pre + hlen + pad;
        ByteBuffer data = a.data();
        ByteBuffer out =
                ByteBuffer.allocate(total + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) (hlen + pad));
        } else {
            out.putInt(hlen + pad);
        }
        out.put(header);
        for (int i = 0; i < pad; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        out.put(data);
        return out.array();
    }

    /** Writes {@code a} to {@code path} atomically (temporary file, then rename). */
    public static void write(Path path, HostArray a) throws IOException {
        byte[] bytes = toBytes(a);
        AtomicFiles.write(path, os -> os.write(bytes));
    }

    /** Reads the array in {@code path}. */
    public static HostArray read(Path path) throws IOException {
        return fromBytes(Files.readAllBytes(path), path.toString());
    }

    /**
     * Decodes NPY bytes.
     *
     * @param source the file (and key) named in error messages
     * @throws NpyFormatException if the bytes are not a well-formed NPY array of a supported dtype
     */
    public static HostArray fromBytes(byte[] b, String source) throws NpyFormatException {
        int m = Math.min(b.length, MAGIC.length);
        if (!Arrays.equals(b, 0, m, MAGIC, 0, m)) {
            throw new NpyFormatException(
                    source, "bad magic: not an NPY array (expected \\x93NUMPY)");
        }
        if (b.length < 10) {
            throw new NpyFormatException(
                    source,
                    "truncated header: " + b.length + " bytes, the NPY preamble alone is 10");
        }
        int major = b[6] & 0xff;
        if (major < 1 || major > 3) {
            throw new NpyFormatException(
                    source,
                    "unsupported NPY version "
                            + major
                            + "."
                            + (b[7] & 0xff)
                            + " (expected 1.0, 2.0 or 3.0)");
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long hlen;
        int start;
        if (major == 1) {
            hlen = bb.getShort(8) & 0xffffL;
            start = 10;
        } else {
            if (b.length < 12) {
                throw new NpyFormatException(source, "truncated header: " + b.length + " bytes");
            }
            hlen = bb.getInt(8) & 0xffffffffL;
            start = 12;
        }
        if (start + hlen > b.length) {
            throw new NpyFormatException(
                    source,
                    "truncated header: it claims "
                            + hlen
                            + " bytes, the file holds "
                            + (b.length - start));
        }
        int dataStart = (int) (start + hlen);
        String text =
                new String(
                        b,
                        start,
                        (int) hlen,
                        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h;
        try {
            h = NpyHeader.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source, "header does not parse (" + e.getMessage() + ")");
        }
        DType dtype =
                DType.fromDescr(h.descr())
                        .orElseThrow(
                                () ->
                                        new NpyFormatException(
                                                source,
                                                "unsupported dtype '"
                                                        + h.descr()
                                                        + "' (supported: "
                                                        + Arrays.stream(DType.values())
                                                                .map(DType::descr)
                                                                .collect(Collectors.joining(" "))
                                                        + ")"));
        if (h.fortranOrder()) {
            throw new NpyFormatException(
                    source,
                    "fortran_order is True; rfrecon reads C order only (save np.ascontiguousarray(a))");
        }
        long size;
        try {
            size = HostArray.checkedSize(h.shape());
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source, e.getMessage());
        }
        long need = size * dtype.itemSize();
        long have = b.length - dataStart;
        String shape = HostArray.shapeString(h.shape());
        if (have < need) {
            throw new NpyFormatException(
                    source,
                    "truncated data: shape "
                            + shape
                            + " of "
                            + dtype.descr()
                            + " needs "
                            + need
                            + " bytes, found "
                            + have);
        }
        if (have > need) {
            throw new NpyFormatException(
                    source,
                    "shape "
                            + shape
                            + " of "
                            + dtype.descr()
                            + " needs "
                            + need
                            + " bytes but the file holds "
                            + have
                            + " (shape does not match byte count)");
        }
        return HostArray.of(dtype, h.shape(), ByteBuffer.wrap(b, dataStart, (int) need));
    }
}
