package org.rfrecon.core.script;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TorchScript module written by rfrecon, compiled by libtorch once per JVM and run as one native
 * call: a loop of hundreds of tensor operations costs one JNI crossing instead of one per
 * operation, and runs in libtorch's graph executor (which may fuse elementwise chains on a GPU).
 *
 * <p>The source is the module's class {@code className} (derived from {@code Module}, with {@code
 * training : bool} as its only attribute, and a {@code forward} method) followed by any free
 * functions, in the serialised dialect of TorchScript ({@link ScriptArchive}). The module holds no
 * tensors: every tensor is an argument, so one compiled program serves every device and dtype.
 *
 * <p>{@link #call} runs {@code forward} with autograd off (libtorch's inference mode, as DJL runs a
 * module it is not training): programs replace gradient-free loops, such as a classical solver's
 * iterations. Its results are inference tensors: they may be read and combined like any other, but
 * not modified in place outside such a call. {@link #callRecorded} runs it outside inference mode,
 * for loops a network differentiates through.
 */
public final class TorchScriptProgram {

    private static final Map<String, TorchScriptProgram> COMPILED = new ConcurrentHashMap<>();
    private static final NDManager OWNER = NDManager.newBaseManager("PyTorch");

    /**
     * The system property that turns compiled programs off where a caller consults {@link #enabled}
     * ({@code -Drfrecon.compiled=false}: the Java loops, for comparisons).
     */
    public static final String ENABLED_PROPERTY = "rfrecon.compiled";

    private final String className;
    private final PtSymbolBlock module;

    private TorchScriptProgram(String className, PtSymbolBlock module) {
        this.className = className;
        this.module = module;
    }

    /** Whether compiled programs are on ({@link #ENABLED_PROPERTY}, default true). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY));
    }

    /**
     * Runs {@code body} with compiled programs on or off ({@link #ENABLED_PROPERTY}) and restores
     * the previous setting after it. The property is one for the JVM: this is for side-by-side
     * measurements and tests on one thread, not for concurrent work.
     *
     * @return what {@code body} returns
     * @throws Exception what {@code body} throws
     */
    public static <T> T withEnabled(boolean enabled, Callable<T> body) throws Exception {
        String old = System.getProperty(ENABLED_PROPERTY);
        System.setProperty(ENABLED_PROPERTY, Boolean.toString(enabled));
        try {
            return body.call();
        } finally {
            if (old == null) {
                System.clearProperty(ENABLED_PROPERTY);
            } else {
                System.setProperty(ENABLED_PROPERTY, old);
            }
        }
    }

    /**
     * The compiled program of {@code source}, compiled on first use and shared afterwards (the
     * cache lives as long as the JVM; programs are small).
     *
     * @param className the module class the source defines
     * @param source the TorchScript source
     * @throws IllegalStateException if libtorch refuses the source (its message included)
     */
    public static TorchScriptProgram compile(String className, String source) {
        Objects.requireNonNull(source, "source");
        return COMPILED.computeIfAbsent(className + "\n" + source, k -> load(className, source));
    }

    private static TorchScriptProgram load(String className, String source) {
        byte[] archive = ScriptArchive.of(className, source);
        try {
            PtSymbolBlock block =
                    JniUtils.loadModule(
                            (PtNDManager) OWNER, new ByteArrayInputStream(archive), true, false);
            return new TorchScriptProgram(className, block);
        } catch (EngineException e) {
            throw new IllegalStateException(
                    "libtorch did not compile the TorchScript program "
                            + className
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream: not reached
        }
    }

    /**
     * Runs {@code forward}. Arguments are {@link NDArray}s, lists of them ({@code List[Tensor]}),
     * {@link Double}s ({@code float}), {@link Integer}s or {@link Long}s ({@code int}) and {@link
     * Boolean}s, in the order of the method's signature. A tensor result comes back as a list of
     * one, a tuple of tensors as a list in its order, each owned by {@code manager}.
     *
     * @throws IllegalStateException if the program fails (libtorch's message included)
     */
    public NDList call(NDManager manager, Object... args) {
        List<IValue> inputs = new ArrayList<>(args.length);
        try {
            for (Object a : args) {
                inputs.add(toIValue(a));
            }
            IValue out;
            try {
                unoptimised(true);
                out = IValueUtils.runMethod(module, "forward", inputs.toArray(new IValue[0]));
            } catch (EngineException e) {
                throw new IllegalStateException(
                        "the TorchScript program " + className + " failed: " + e.getMessage(), e);
            }
            try (out) {
                return results(out, (PtNDManager) manager);
            }
        } finally {
            unoptimised(false);
            inputs.forEach(IValue::close);
        }
    }

    /**
     * Runs programs in libtorch's plain graph executor: its optimising executor rewrites a graph
     * after two profiling runs, and its symbolic gradients of complex products with real scalars
     * (rho times a complex vector) return complex gradients for real inputs, which autograd refuses
     * ("input_is_complex == grad_is_complex"). The setting is per thread; {@code false} restores
     * DJL's ({@code ai.djl.pytorch.graph_optimizer}, default on).
     */
    private static void unoptimised(boolean on) {
        JniUtils.setGraphExecutorOptimize(
                !on
                        && Boolean.parseBoolean(
                                System.getProperty("ai.djl.pytorch.graph_optimizer", "true")));
    }

    /**
     * Runs {@code forward} on tensors outside inference mode, as DJL runs a module it trains: with
     * grad mode on, the program's operations join the autograd graph where the inputs require
     * gradients, and a backward pass from its results reaches its inputs (through libtorch's own
     * backward of each operation, complex ones included); with grad mode off its results are
     * ordinary tensors that a later recorded pass may use (a checkpointed network recomputes from
     * them). Results are owned by {@code manager}.
     *
     * @throws IllegalStateException if the program fails (libtorch's message included)
     */
    public NDList callRecorded(NDManager manager, NDArray... tensors) {
        NDList inputs = new NDList(tensors.length);
        List<NDArray> views = new ArrayList<>();
        for (NDArray t : tensors) {
            // DJL reads an array's name as a calling convention (dictionaries, lists, the
            // method): a named array goes in as an unnamed view
            if (t.getName() == null) {
                inputs.add(t);
            } else {
                NDArray v = t.reshape(t.getShape());
                v.setName(null);
                views.add(v);
                inputs.add(v);
            }
        }
        try {
            unoptimised(true);
            NDList out = IValueUtils.forward(module, inputs, true);
            NDList owned = new NDList(out.size());
            for (NDArray a : out) {
                a.attach(manager);
                owned.add(a);
            }
            return owned;
        } catch (EngineException e) {
            throw new IllegalStateException(
                    "the TorchScript program " + className + " failed: " + e.getMessage(), e);
        } finally {
            unoptimised(false);
            views.forEach(NDArray::close);
        }
    }

    private static NDList results(IValue out, PtNDManager manager) {
        if (out.isTensor()) {
            return new NDList(out.toTensor(manager));
        }
        if (!out.isTuple()) {
            throw new IllegalStateException(
                    "a TorchScript program returns a tensor or a tuple of tensors, not "
                            + out.getType());
        }
        IValue[] parts = out.toIValueTuple();
        NDList list = new NDList(parts.length);
        try {
            for (IValue p : parts) {
                list.add(p.toTensor(manager));
            }
        } finally {
            for (IValue p : parts) {
                p.close();
            }
        }
        return list;
    }

    private static IValue toIValue(Object a) {
        if (a instanceof NDArray t) {
            return IValue.from((PtNDArray) t);
        }
        if (a instanceof List<?> list) {
            PtNDArray[] tensors = new PtNDArray[list.size()];
            for (int i = 0; i < tensors.length; i++) {
                tensors[i] = (PtNDArray) list.get(i);
            }
            return IValue.listFrom(tensors);
        }
        if (a instanceof Double d) {
            return IValue.from(d.doubleValue());
        }
        if (a instanceof Integer i) {
            return IValue.from((long) i);
        }
        if (a instanceof Long l) {
            return IValue.from(l.longValue());
        }
        if (a instanceof Boolean b) {
            return IValue.from(b.booleanValue());
        }
        throw new IllegalArgumentException(
                "a TorchScript argument is a tensor, a list of tensors, a number or a boolean, not "
                        + (a == null ? "null" : a.getClass().getName()));
    }
}
