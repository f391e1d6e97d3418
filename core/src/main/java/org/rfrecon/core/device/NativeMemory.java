package org.rfrecon.core.device;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * Bytes of native memory the process holds through malloc, read from glibc's {@code mallinfo2()}
 * ({@code uordblks + hblkhd}: in-use heap blocks plus mmapped blocks). PyTorch's CPU allocator
 * takes tensor storage from malloc, so differences of this figure measure live tensor bytes,
 * autograd's saved tensors included, which DJL cannot list. Returns -1 where glibc (2.33+) is not
 * available. CPU only: GPU memory is measured with the CUDA allocator's own statistics.
 */
public final class NativeMemory {

    private static final CLib LIBC = load();

    private NativeMemory() {}

    /** Live malloc bytes now, or -1 if unknown. */
    public static long liveBytes() {
        if (LIBC == null) {
            return -1;
        }
        Mallinfo2 m = LIBC.mallinfo2();
        return m.uordblks + m.hblkhd;
    }

    private static CLib load() {
        try {
            CLib lib = Native.load("c", CLib.class);
            lib.mallinfo2();
            return lib;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** glibc. */
    interface CLib extends Library {
        Mallinfo2 mallinfo2();
    }

    /** {@code struct mallinfo2}: ten size_t fields. */
    @Structure.FieldOrder({
        "arena",
        "ordblks",
        "smblks",
        "hblks",
        "hblkhd",
        "usmblks",
        "fsmblks",
        "uordblks",
        "fordblks",
        "keepcost"
    })
    public static class Mallinfo2 extends Structure implements Structure.ByValue {
        /** Non-mmapped space allocated. */
        public long arena;

        /** Free chunks. */
        public long ordblks;

        /** Free fastbin blocks. */
        public long smblks;

        /** Mmapped regions. */
        public long hblks;

        /** Space in mmapped regions. */
        public long hblkhd;

        /** Unused. */
        public long usmblks;

        /** Space in freed fastbin blocks. */
        public long fsmblks;

        /** Total allocated space. */
        public long uordblks;

        /** Total free space. */
        public long fordblks;

        /** Top-most releasable space. */
        public long keepcost;
    }
}
