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

    /**
     * The longest header dictionary read, in bytes. NumPy's own reader refuses headers over 10,000
     * bytes unless told otherwise; rfrecon writes about 120.
     */
    static final int MAX_HEADER = 1 << 20;

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
        NpyInfo h = header(b, source);
        requireHostSize(h, source);
        long need = h.dataBytes();
        long have = b.length - h.headerBytes();
        String shape = HostArray.shapeString(h.shape());
        if (have < need) {
            throw truncatedData(source, h, have);
        }
        if (have > need) {
            throw new NpyFormatException(
                    source,
                    "shape "
                            + shape
                            + " of "
                            + h.dtype().descr()
                            + " needs "
                            + need
                            + " bytes but the file holds "
                            + have
                            + " (shape does not match byte count)");
        }
        return HostArray.of(
                h.dtype(), h.shape(), ByteBuffer.wrap(b, (int) h.headerBytes(), (int) need));
    }

    /**
     * Parses the header at the start of {@code b} (which may hold just the header, or more).
     *
     * @throws NpyFormatException if the header is malformed, truncated or of an unsupported dtype
     */
    static NpyInfo header(byte[] b, String source) throws NpyFormatException {
        try {
            return header(new java.io.ByteArrayInputStream(b), source);
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new NpyFormatException(source, e.getMessage(), e); // not reached: in memory
        }
    }

    /**
     * Reads and parses an NPY header from {@code in}, consuming exactly the header bytes (the
     * preamble and the dictionary), so that {@code in} is left at the first data byte. Reads at
     * most {@link #MAX_HEADER} bytes whatever the header claims, so a hostile header cannot make
     * the reader allocate.
     *
     * @throws NpyFormatException if the header is malformed, truncated or of an unsupported dtype
     */
    static NpyInfo header(java.io.InputStream in, String source) throws IOException {
        byte[] pre = in.readNBytes(10);
        int m = Math.min(pre.length, MAGIC.length);
        if (!Arrays.equals(pre, 0, m, MAGIC, 0, m)) {
            throw new NpyFormatException(
                    source, "bad magic: not an NPY array (expected \\x93NUMPY)");
        }
        if (pre.length < 10) {
            throw new NpyFormatException(
                    source,
                    "truncated header: " + pre.length + " bytes, the NPY preamble alone is 10");
        }
        int major = pre[6] & 0xff;
        if (major < 1 || major > 3) {
            throw new NpyFormatException(
                    source,
                    "unsupported NPY version "
                            + major
                            + "."
                            + (pre[7] & 0xff)
                            + " (expected 1.0, 2.0 or 3.0)");
        }
        long hlen;
        int start;
        if (major == 1) {
            hlen = ByteBuffer.wrap(pre).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffffL;
            start = 10;
        } else {
            byte[] two = in.readNBytes(2);
            if (two.length < 2) {
                throw new NpyFormatException(
                        source, "truncated header: " + (10 + two.length) + " bytes");
            }
            byte[] len = {pre[8], pre[9], two[0], two[1]};
            hlen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            start = 12;
        }
        if (hlen > MAX_HEADER) {
            throw new NpyFormatException(
                    source,
                    "header of "
                            + hlen
                            + " bytes is larger than any real array's (at most "
                            + MAX_HEADER
                            + ")");
        }
        byte[] dict = in.readNBytes((int) hlen);
        if (dict.length < hlen) {
            throw new NpyFormatException(
                    source,
                    "truncated header: it claims "
                            + hlen
                            + " bytes, the file holds "
                            + dict.length);
        }
        String text =
                new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h;
        try {
            h = NpyHeader.parse(text.strip());
        } catch (NpyHeader.StructuredDtype e) {
            throw new NpyFormatException(
                    source,
                    "unsupported dtype "
                            + e.getMessage()
                            + " (structured): rfrecon reads plain arrays of "
                            + supported());
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
                                                        + supported()
                                                        + ")"));
        if (h.fortranOrder()) {
            throw new NpyFormatException(
                    source,
                    "fortran_order is True; rfrecon reads C order only (save np.ascontiguousarray(a))");
        }
        long bytes = dtype.itemSize();
        for (long d : h.shape()) {
            bytes = d != 0 && bytes > Long.MAX_VALUE / d ? Long.MAX_VALUE : bytes * d;
        }
        return new NpyInfo(dtype, h.shape(), start + hlen, bytes);
    }

    /**
     * Refuses a header whose array cannot be one host array (checked after a reader's own shape
     * check, which names the expected shape).
     */
    static void requireHostSize(NpyInfo h, String source) throws NpyFormatException {
        try {
            HostArray.checkedSize(h.shape());
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source, e.getMessage());
        }
    }

    static NpyFormatException truncatedData(String source, NpyInfo h, long have) {
        return new NpyFormatException(
                source, "truncated data: " + h.sizeNeeded() + ", found " + have);
    }

    private static String supported() {
        return Arrays.stream(DType.values()).map(DType::descr).collect(Collectors.joining(" "));
    }
}
