package org.rfrecon.core.device;

import ai.djl.Device;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.rfrecon.core.naming.Messages;

/**
 * A CUDA graph of libtorch work: the kernels that a piece of Java code queues through DJL, recorded
 * once and replayed as one launch. A recorded step then costs the device its kernels' time and the
 * host one call, instead of one DJL call, one dispatch and one launch per operation, which is what
 * bounds small training steps on a GPU (docs/benchmarks.md). It is the C++ class behind PyTorch's
 * {@code torch.cuda.CUDAGraph}, reached through rfrecon's own small bridge library ({@code
 * native/cuda-graphs}, built on the GPU machine against its libtorch: docs/gpu.md), since DJL 0.36
 * has no API for graphs.
 *
 * <p>The rules are PyTorch's. Work is warmed up on the graph's side stream ({@link #onStream})
 * before it is captured ({@link #capture}): libtorch's lazy initialisation (cuBLAS workspaces,
 * cuDNN plans) must not happen inside a capture. Captured code must not wait for the device (no
 * value read back to the host, no copy from host memory) and must not change its work by the values
 * it computes. Tensors the captured work reads (inputs, parameters) must stay where they were, so a
 * replay's inputs are copied into them in place, and tensors made during the capture come from the
 * graph's private memory pool, where replays write again: their handles may be closed, but a result
 * to be read after replays must be kept open. Only one capture may be under way in a process, on
 * one thread.
 *
 * <p>The bridge is found through {@link #LIBRARY_PROPERTY} or {@link #LIBRARY_ENV} (the path of
 * {@code librfrecon_cuda_graphs.so}), else by name on the library path. Without it, or on the CPU,
 * {@link #unavailability} says why and {@link #create} refuses.
 */
public final class CudaGraph implements AutoCloseable {

    /** The system property naming the bridge library's file. */
    public static final String LIBRARY_PROPERTY = "rfrecon.cuda_graphs.library";

    /** The environment variable naming the bridge library's file (if the property is unset). */
    public static final String LIBRARY_ENV = "RFRECON_CUDA_GRAPHS_LIBRARY";

    /**
     * The system property choosing CUDA's capture mode: {@code global} (the default, as in
     * PyTorch), {@code thread_local} or {@code relaxed}.
     */
    public static final String CAPTURE_MODE_PROPERTY = "rfrecon.cuda_graphs.capture_mode";

    private static final String DEFAULT_NAME = "rfrecon_cuda_graphs";

    // one load attempt per library target (a file path, or the library's name)
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private final Bridge lib;
    private final Device device;
    private Pointer handle;
    private boolean captured;

    private CudaGraph(Bridge lib, Device device, Pointer handle) {
        this.lib = lib;
        this.device = device;
        this.handle = handle;
    }

    /**
     * Why graphs cannot be used on {@code device}: a CPU device, or the bridge library missing or
     * not loadable (its path and the loader's message). Empty where they can.
     */
    public static Optional<String> unavailability(Device device) {
        if (!device.isGpu()) {
            return Optional.of("CUDA graphs need a GPU device, not " + device);
        }
        return Optional.ofNullable(bridge().failure());
    }

    /**
     * A new, empty graph on {@code device}, with a side stream of its own.
     *
     * @throws IllegalStateException if graphs are not available there ({@link #unavailability})
     */
    public static CudaGraph create(Device device) {
        Optional<String> why = unavailability(device);
        if (why.isPresent()) {
            throw new IllegalStateException(why.get());
        }
        Bridge lib = bridge().bridge();
        Pointer h = lib.rf_cg_new(device.getDeviceId());
        if (h == null) {
            throw new IllegalStateException("CUDA graph: " + lib.rf_cg_last_error());
        }
        return new CudaGraph(lib, device, h);
    }

    /** The device the graph runs on. */
    public Device device() {
        return device;
    }

    /** Whether {@link #capture} has recorded the graph. */
    public boolean captured() {
        return captured;
    }

    /**
     * Runs {@code body} now with the graph's side stream as the thread's current stream (after the
     * work already queued, and before any queued later): the warm-up that precedes a capture.
     *
     * @return what {@code body} returns
     */
    public <T> T onStream(Supplier<T> body) {
        open();
        check(lib.rf_cg_enter(handle));
        try {
            return body.get();
        } finally {
            check(lib.rf_cg_exit(handle));
        }
    }

    /**
     * Records the work {@code body} queues (nothing runs until {@link #replay}) and instantiates
     * the graph. A failure inside {@code body} or in libtorch's capture leaves the graph unusable.
     *
     * @return what {@code body} returns: tensors whose contents each replay rewrites
     * @throws IllegalStateException if the graph was already captured or libtorch refuses it
     */
    public <T> T capture(Supplier<T> body) {
        open();
        if (captured) {
            throw new IllegalStateException("this CUDA graph has already been captured");
        }
        check(lib.rf_cg_capture_begin(handle, captureMode()));
        T out;
        try {
            out = body.get();
        } catch (RuntimeException | Error e) {
            lib.rf_cg_capture_end(handle); // ends the capture; its own error is the lesser one
            throw e;
        }
        check(lib.rf_cg_capture_end(handle));
        captured = true;
        return out;
    }

    /** Queues the captured work on the thread's current stream (it does not wait for it). */
    public void replay() {
        open();
        if (!captured) {
            throw new IllegalStateException("this CUDA graph has not been captured");
        }
        check(lib.rf_cg_replay(handle));
    }

    /** Waits for the device's work, then frees the graph and its private memory pool. */
    @Override
    public void close() {
        if (handle != null) {
            lib.rf_cg_free(handle);
            handle = null;
        }
    }

    private void open() {
        if (handle == null) {
            throw new IllegalStateException("this CUDA graph is closed");
        }
    }

    private void check(int status) {
        if (status != 0) {
            throw new IllegalStateException("CUDA graph: " + lib.rf_cg_last_error());
        }
    }

    /**
     * CUDA's capture mode ({@link #CAPTURE_MODE_PROPERTY}): {@code global} (0, PyTorch's default: a
     * CUDA call elsewhere in the process that is unsafe during a capture fails), {@code
     * thread_local} (1) or {@code relaxed} (2).
     */
    private static int captureMode() {
        String mode = System.getProperty(CAPTURE_MODE_PROPERTY, "global");
        return switch (mode) {
            case "global" -> 0;
            case "thread_local" -> 1;
            case "relaxed" -> 2;
            default ->
                    throw new IllegalArgumentException(
                            CAPTURE_MODE_PROPERTY
                                    + " must be global, thread_local or relaxed, not '"
                                    + mode
                                    + "'");
        };
    }

    /** The loaded bridge, if it loads ({@link TorchMemoryStats} reads the allocator through it). */
    static Optional<Bridge> loadedBridge() {
        return Optional.ofNullable(bridge().bridge());
    }

    /** The bridge named by {@link #LIBRARY_PROPERTY} or {@link #LIBRARY_ENV}, loaded once. */
    private static Loaded bridge() {
        String named = System.getProperty(LIBRARY_PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(LIBRARY_ENV);
        }
        String target = named == null || named.isBlank() ? DEFAULT_NAME : named.trim();
        return LOADED.computeIfAbsent(target, CudaGraph::load);
    }

    private static Loaded load(String target) {
        String path = target;
        if (!target.equals(DEFAULT_NAME)) {
            Path file = Path.of(target);
            if (!Files.isRegularFile(file)) {
                return new Loaded(
                        null, "the CUDA-graph bridge library " + file + " does not exist");
            }
            path = file.toAbsolutePath().toString();
        }
        try {
            return new Loaded(Native.load(path, Bridge.class), null);
        } catch (UnsatisfiedLinkError e) {
            String first = Messages.firstLine(e.getMessage(), "no message");
            return new Loaded(
                    null,
                    "the CUDA-graph bridge library ("
                            + path
                            + ") could not be loaded: build native/cuda-graphs and name it with -D"
                            + LIBRARY_PROPERTY
                            + " or "
                            + LIBRARY_ENV
                            + " (docs/gpu.md); "
                            + first);
        }
    }

    /** A load attempt: the bridge, or why there is none. */
    private record Loaded(Bridge bridge, String failure) {}

    /** The C functions of {@code native/cuda-graphs/rfrecon_cuda_graphs.cpp}. */
    interface Bridge extends Library {
        String rf_cg_last_error();

        Pointer rf_cg_new(int device);

        int rf_cg_enter(Pointer graph);

        int rf_cg_exit(Pointer graph);

        int rf_cg_capture_begin(Pointer graph, int mode);

        int rf_cg_capture_end(Pointer graph);

        int rf_cg_replay(Pointer graph);

        int rf_cg_synchronize(int device);

        void rf_cg_free(Pointer graph);

        int rf_cg_memory_stats(int device, long[] out);

        int rf_cg_reset_peak_memory(int device);
    }
}
