package org.rfrecon.datasets.npy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made NPY bytes for tests of the reader's refusals. */
public final class NpyBytes {

    private NpyBytes() {}

    /**
     * An NPY 1.0 file with the given header dictionary, padded to 64 bytes as NumPy pads it, then
     * {@code dataBytes} zero bytes of data.
     */
    public static byte[] withDict(String dict, int dataBytes) {
        int hlen = dict.length() + 1;
        int pad = 64 - (10 + hlen) % 64;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        e.writeBytes(new byte[] {(byte) (hlen + pad), (byte) ((hlen + pad) >> 8)});
        e.writeBytes((dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII));
        e.writeBytes(new byte[dataBytes]);
        return e.toByteArray();
    }
}
