package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * Builds operators out of operators: adjoint, composition, scaling, sum and stacking. Each result
 * shares the factors of its parts and is checked like any other operator. {@link #fresnel} is the
 * one place that chooses between the 2D and the volume Fresnel operator; code outside core asks a
 * {@code SensingModel} (package {@code core.physics}) instead.
 */
public final class Operators {

    private Operators() {}

    /**
     * The Fresnel operator of {@code f} (SPEC §1), sharing its factors: {@link Volume3D} when the
     * range factor {@code A3} is present, {@link Kronecker2D} otherwise.
     */
    public static AbstractLinearOperator fresnel(SensingFactors f) {
        return f.a3().isPresent()
                ? new Volume3D(f.a1(), f.a2(), f.a3().get(), f.s())
                : new Kronecker2D(f.a1(), f.a2(), f.s());
    }

    /** The Fresnel operator of {@code g}, with factors built in {@code manager}. */
    public static AbstractLinearOperator fresnel(Geometry g, NDManager manager, DataType dtype) {
        return fresnel(SensingFactors.fresnel(g, manager, dtype));
    }

    /** {@code A^H}. The adjoint of an adjoint is the original operator. */
    public static LinearOperator adjoint(LinearOperator a) {
        if (a instanceof Adjoint adj) {
            return adj.inner;
        }
        return new Adjoint(a);
    }

    /** {@code outer ∘ inner}: {@code x -> outer(inner(x))}. */
    public static LinearOperator compose(LinearOperator outer, LinearOperator inner) {
        if (!outer.domainShape().equals(inner.rangeShape())) {
            throw new IllegalArgumentException(
                    "cannot compose: inner range "
                            + inner.rangeShape()
                            + " is not outer domain "
                            + outer.domainShape());
        }
        return new Composite(
                "Composition",
                inner.domainShape(),
                outer.rangeShape(),
                inner,
                x -> andThen(inner.forward(x), outer::forward),
                y -> andThen(outer.adjoint(y), inner::adjoint));
    }

    /** {@code alpha A} for a real {@code alpha}. */
    public static LinearOperator scale(LinearOperator a, double alpha) {
        return new Composite(
                "Scaled",
                a.domainShape(),
                a.rangeShape(),
                a,
                x -> andThen(a.forward(x), t -> t.scale(alpha)),
                y -> andThen(a.adjoint(y), t -> t.scale(alpha)));
    }

    /** {@code A + B} for operators of equal shapes. */
    public static LinearOperator sum(LinearOperator a, LinearOperator b) {
        if (!a.domainShape().equals(b.domainShape()) || !a.rangeShape().equals(b.rangeShape())) {
            throw new IllegalArgumentException(
                    "cannot add operators of different shapes: " + a + " and " + b);
        }
        return new Composite(
                "Sum",
                a.domainShape(),
                a.rangeShape(),
                a,
                x -> added(a::forward, b::forward, x),
                y -> added(a::adjoint, b::adjoint, y));
    }

    /**
     * Stacks operators of one domain: {@code x -> [A_0 x, A_1 x, ...]} along a new leading range
     * axis, as when several Tx-Rx pairs observe the same scene.
     */
    public static LinearOperator stack(List<LinearOperator> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("cannot stack zero operators");
        }
        LinearOperator first = parts.get(0);
        for (LinearOperator p : parts) {
            if (!p.domainShape().equals(first.domainShape())
                    || !p.rangeShape().equals(first.rangeShape())) {
                throw new IllegalArgumentException(
                        "cannot stack operators of different shapes: " + first + " and " + p);
            }
        }
        return new Stack(List.copyOf(parts));
    }

    /** {@code A^H}: the composite whose maps are {@code inner}'s, swapped. */
    private static final class Adjoint extends Composite {
        private final LinearOperator inner;

        Adjoint(LinearOperator inner) {
            super(
                    "Adjoint(" + inner + ")",
                    inner.rangeShape(),
                    inner.domainShape(),
                    inner,
                    inner::adjoint,
                    inner::forward);
            this.inner = inner;
        }
    }

    /**
     * An operator given by its two maps, as the composites are (composition, scaling, sum): each
     * map frees the intermediates it makes.
     */
    private static class Composite extends AbstractLinearOperator {
        private final String name;
        private final UnaryOperator<ComplexTensor> forward;
        private final UnaryOperator<ComplexTensor> adjoint;

        /**
         * @param like the part whose dtype and device the composite has
         */
        Composite(
                String name,
                Shape domain,
                Shape range,
                LinearOperator like,
                UnaryOperator<ComplexTensor> forward,
                UnaryOperator<ComplexTensor> adjoint) {
            super(domain, range, like.dataType(), like.device());
            this.name = name;
            this.forward = forward;
            this.adjoint = adjoint;
        }

        @Override
        protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
            return forward.apply(x);
        }

        @Override
        protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
            return adjoint.apply(y);
        }

        @Override
        protected String name() {
            return name;
        }
    }

    /** {@code then(first)}, closing {@code first}. */
    private static ComplexTensor andThen(ComplexTensor first, UnaryOperator<ComplexTensor> then) {
        try (first) {
            return then.apply(first);
        }
    }

    /** {@code f(v) + g(v)}, closing both terms. */
    private static ComplexTensor added(
            UnaryOperator<ComplexTensor> f, UnaryOperator<ComplexTensor> g, ComplexTensor v) {
        try (ComplexTensor ta = f.apply(v);
                ComplexTensor tb = g.apply(v)) {
            return ta.add(tb);
        }
    }

    private static final class Stack extends AbstractLinearOperator {
        private final List<LinearOperator> parts;

        Stack(List<LinearOperator> parts) {
            super(
                    parts.get(0).domainShape(),
                    new Shape(parts.size()).addAll(parts.get(0).rangeShape()),
                    parts.get(0).dataType(),
                    parts.get(0).device());
            this.parts = parts;
        }

        @Override
        protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
            NDList re = new NDList();
            NDList im = new NDList();
            for (LinearOperator p : parts) {
                ComplexTensor t = p.forward(x);
                re.add(t.re());
                im.add(t.im());
            }
            int axis = batch.dimension();
            ComplexTensor out =
                    ComplexTensor.of(NDArrays.stack(re, axis), NDArrays.stack(im, axis));
            re.close();
            im.close();
            return out;
        }

        @Override
        protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
            int axis = batch.dimension();
            List<ComplexTensor> terms = new ArrayList<>();
            for (int k = 0; k < parts.size(); k++) {
                try (ComplexTensor yk = y.get(index(axis, k))) {
                    terms.add(parts.get(k).adjoint(yk));
                }
            }
            ComplexTensor acc = terms.get(0);
            for (int k = 1; k < terms.size(); k++) {
                ComplexTensor next = acc.add(terms.get(k));
                acc.close();
                terms.get(k).close();
                acc = next;
            }
            return acc;
        }

        private static String index(int axis, int k) {
            return ":, ".repeat(axis) + k;
        }
    }
}
