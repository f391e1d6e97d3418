package org.rfrecon.core.operator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * An operator stored as an explicit complex matrix {@code A} of shape (prod(range), prod(domain)),
 * acting on the C-order ravel of its input: {@code vec(y) = A vec(x)}, {@code vec(x) = A^H vec(y)}.
 * For small problems, tests and the dense side of the seed's benchmark.
 */
public final class Dense extends AbstractLinearOperator {

    private final ComplexTensor at; // A^T, (N, M): batched inputs are rows
    private final ComplexTensor ac; // conj(A), (M, N)

    /**
     * @param matrix the matrix, (prod(rangeShape), prod(domainShape))
     * @param domainShape shape of one input
     * @param rangeShape shape of one output
     */
    public Dense(ComplexTensor matrix, Shape domainShape, Shape rangeShape) {
        super(domainShape, rangeShape, matrix.getDataType(), matrix.getDevice());
        Shape expected = new Shape(rangeShape.size(), domainShape.size());
        if (!matrix.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "Dense: expected a matrix of shape " + expected + ", got " + matrix.getShape());
        }
        NDManager owner = matrix.getManager();
        this.at = matrix.transpose().attach(owner);
        this.ac = matrix.conj().attach(owner);
    }

    /**
     * The explicit matrix of {@code op}, built column by column from {@code op.forward} applied to
     * the identity (one batched call). Memory: prod(range) x prod(domain) complex values.
     */
    public static Dense of(LinearOperator op, NDManager manager) {
        Shape d = op.domainShape();
        long n = d.size();
        long m = op.rangeShape().size();
        try (NDManager tmp = manager.newSubManager()) {
            ComplexTensor eye =
                    ComplexTensor.ofReal(tmp.eye((int) n).toType(op.dataType(), false))
                            .toDevice(op.device());
            ComplexTensor cols = op.forward(eye.reshape(new Shape(n).addAll(d))); // (N, range)
            ComplexTensor matrix = cols.reshape(new Shape(n, m)).transpose(); // (M, N)
            Dense dense = new Dense(matrix.duplicate().attach(manager), d, op.rangeShape());
            return dense;
        }
    }

    /**
     * The explicit matrix of the 2D Fresnel model, {@code s[p,f] (A2[p,f] ⊗ A1[p,f])} stacked over
     * (p, f), formed by one broadcast product of the factors (no identity, no operator calls):
     * memory is exactly the matrix, P F M2 M1 x N2 N1 complex values.
     */
    public static Dense ofFactors(SensingFactors f, NDManager manager) {
        Shape s1 = f.a1().getShape();
        Shape s2 = f.a2().getShape();
        long p = s1.get(0);
        long nf = s1.get(1);
        long m1 = s1.get(2);
        long n1 = s1.get(3);
        long m2 = s2.get(2);
        long n2 = s2.get(3);
        try (NDManager tmp = manager.newSubManager()) {
            ComplexTensor a2e = f.a2().reshape(new Shape(p, nf, m2, 1, n2, 1)).attach(tmp);
            ComplexTensor a1e = f.a1().reshape(new Shape(p, nf, 1, m1, 1, n1)).attach(tmp);
            ComplexTensor se = f.s().reshape(new Shape(p, nf, 1, 1, 1, 1)).attach(tmp);
            ComplexTensor k = a2e.mul(a1e).attach(tmp);
            ComplexTensor full = k.mul(se).reshape(new Shape(p * nf * m2 * m1, n2 * n1));
            full.attach(manager);
            return new Dense(full, new Shape(n2, n1), new Shape(p, nf, m2, m1));
        }
    }

    @Override
    protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
        try (ComplexTensor rows = x.reshape(batch.addAll(new Shape(1, domainShape().size())));
                ComplexTensor y = rows.matMul(at)) {
            return y.reshape(batch.addAll(rangeShape()));
        }
    }

    @Override
    protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
        try (ComplexTensor rows = y.reshape(batch.addAll(new Shape(1, rangeShape().size())));
                ComplexTensor x = rows.matMul(ac)) {
            return x.reshape(batch.addAll(domainShape()));
        }
    }
}
