package org.rfrecon.core.operator;

import ai.djl.Device;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicLong;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * Base class that checks once, in final methods, what every operator must check: the trailing
 * shape, the dtype and the device of the input. It counts applications, then calls the protected
 * implementation, which may assume a valid input.
 *
 * <p>A subclass supplies {@link #forwardInternal} and {@link #adjointInternal}, each with a short
 * maths note, and nothing else. Each call runs in an {@link NDScope}: every array the
 * implementation creates is freed when the call returns, except the result, which is attached to
 * the manager of the input. Implementations therefore need no bookkeeping of temporaries for
 * correctness; one whose intermediates are large may still close them as soon as they are used,
 * which lowers the peak within a call but changes nothing else ({@link Kronecker2D} does, for the
 * wideband presets).
 */
public abstract class AbstractLinearOperator implements LinearOperator {

    private final Shape domainShape;
    private final Shape rangeShape;
    private final DataType dataType;
    private final Device device;
    private final AtomicLong forwardCount = new AtomicLong();
    private final AtomicLong adjointCount = new AtomicLong();

    /**
     * @param domainShape shape of one input, without batch axes
     * @param rangeShape shape of one output, without batch axes
     * @param dataType the real dtype of the operator (float32 or float64)
     * @param device the device of the operator's factors
     */
    protected AbstractLinearOperator(
            Shape domainShape, Shape rangeShape, DataType dataType, Device device) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException(
                    "operators compute in float32 or float64, not " + dataType);
        }
        this.domainShape = domainShape;
        this.rangeShape = rangeShape;
        this.dataType = dataType;
        this.device = device;
    }

    @Override
    public final Shape domainShape() {
        return domainShape;
    }

    @Override
    public final Shape rangeShape() {
        return rangeShape;
    }

    @Override
    public final DataType dataType() {
        return dataType;
    }

    @Override
    public final Device device() {
        return device;
    }

    @Override
    public final ComplexTensor forward(ComplexTensor x) {
        Shape batch = Shapes.checkInput(x, domainShape, dataType, device, name() + ".forward");
        forwardCount.incrementAndGet();
        try (NDScope scope = new NDScope()) {
            return keep(forwardInternal(x, batch), x);
        }
    }

    @Override
    public final ComplexTensor adjoint(ComplexTensor y) {
        Shape batch = Shapes.checkInput(y, rangeShape, dataType, device, name() + ".adjoint");
        adjointCount.incrementAndGet();
        try (NDScope scope = new NDScope()) {
            return keep(adjointInternal(y, batch), y);
        }
    }

    /**
     * {@code A^H A x}, checked and scoped like {@link #forward}; it counts as one forward and one
     * adjoint application. Operators that can fuse the two maps override {@link #normalInternal}.
     */
    @Override
    public ComplexTensor normal(ComplexTensor x) {
        Shape batch = Shapes.checkInput(x, domainShape, dataType, device, name() + ".normal");
        forwardCount.incrementAndGet();
        adjointCount.incrementAndGet();
        try (NDScope scope = new NDScope()) {
            return keep(normalInternal(x, batch), x);
        }
    }

    /**
     * Computes {@code A^H A x} for a checked input. The default applies {@link #forwardInternal} in
     * a scope of its own, so that its temporaries are freed before {@link #adjointInternal} runs,
     * then the adjoint.
     *
     * @param x input of shape {@code batch + domainShape}
     * @param batch the leading batch axes (possibly empty)
     */
    protected ComplexTensor normalInternal(ComplexTensor x, Shape batch) {
        ComplexTensor ax;
        try (NDScope scope = new NDScope()) {
            ax = forwardInternal(x, batch);
            NDScope.unregister(ax.handles());
        }
        try (ax) {
            return adjointInternal(ax, batch);
        }
    }

    /**
     * The ownership rule of every operator: intermediates die with the call's {@link NDScope} (DJL
     * attaches a product to its left operand's manager, which for {@code factor @ x} is the
     * operator's own), and the result is handed to the input's manager.
     */
    private static ComplexTensor keep(ComplexTensor out, ComplexTensor input) {
        NDScope.unregister(out.handles());
        return out.attach(input.getManager());
    }

    /**
     * Counts {@code n} applications of {@code A^H A} made outside this class, by a compiled program
     * on this operator's {@link #normalProgram}: each counts as one forward and one adjoint.
     */
    public final void countNormals(long n) {
        forwardCount.addAndGet(n);
        adjointCount.addAndGet(n);
    }

    /** How many times {@link #forward} ran since construction. */
    public final long forwardCount() {
        return forwardCount.get();
    }

    /** How many times {@link #adjoint} ran since construction. */
    public final long adjointCount() {
        return adjointCount.get();
    }

    /** A short name used in error messages. */
    protected String name() {
        return getClass().getSimpleName();
    }

    /**
     * Computes {@code A x} for a checked input.
     *
     * @param x input of shape {@code batch + domainShape}
     * @param batch the leading batch axes (possibly empty)
     */
    protected abstract ComplexTensor forwardInternal(ComplexTensor x, Shape batch);

    /**
     * Computes {@code A^H y} for a checked input.
     *
     * @param y input of shape {@code batch + rangeShape}
     * @param batch the leading batch axes (possibly empty)
     */
    protected abstract ComplexTensor adjointInternal(ComplexTensor y, Shape batch);

    @Override
    public String toString() {
        return name() + "[" + domainShape + " -> " + rangeShape + ", " + dataType + "]";
    }
}
