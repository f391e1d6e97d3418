package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The naive form of the 2D Fresnel operator: a Java loop over pairs and subcarriers, one pair of
 * small matrix products each. Kept only as the baseline that {@code rfrecon bench} compares the
 * batched {@link Kronecker2D} against (case {@code batched_vs_loop}); it computes the same map.
 */
public final class PerSubcarrierLoop extends AbstractLinearOperator {

    private final ComplexTensor[][] a1t;
    private final ComplexTensor[][] a2;
    private final ComplexTensor[][] a2h;
    private final ComplexTensor[][] a1c;
    private final double[][] sRe;
    private final double[][] sIm;

    /** Slices the factors per (p, f); the factors stay owned by their manager. */
    public PerSubcarrierLoop(SensingFactors factors) {
        super(
                new Shape(factors.a2().getShape().get(3), factors.a1().getShape().get(3)),
                factors.measurementShape(),
                factors.a1().getDataType(),
                factors.a1().getDevice());
        int np = (int) factors.a1().getShape().get(0);
        int nf = (int) factors.a1().getShape().get(1);
        a1t = new ComplexTensor[np][nf];
        a2 = new ComplexTensor[np][nf];
        a2h = new ComplexTensor[np][nf];
        a1c = new ComplexTensor[np][nf];
        double[] s = factors.s().toInterleaved();
        sRe = new double[np][nf];
        sIm = new double[np][nf];
        for (int p = 0; p < np; p++) {
            for (int f = 0; f < nf; f++) {
                ComplexTensor a1 = factors.a1().get("{}, {}", p, f);
                a1t[p][f] = a1.transpose();
                a1c[p][f] = a1.conj();
                a2[p][f] = factors.a2().get("{}, {}", p, f);
                a2h[p][f] = a2[p][f].conjTranspose();
                sRe[p][f] = s[2 * (p * nf + f)];
                sIm[p][f] = s[2 * (p * nf + f) + 1];
            }
        }
    }

    @Override
    protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
        int np = a2.length;
        int nf = a2[0].length;
        NDList re = new NDList();
        NDList im = new NDList();
        for (int p = 0; p < np; p++) {
            for (int f = 0; f < nf; f++) {
                try (ComplexTensor t = a2[p][f].matMul(x);
                        ComplexTensor y = t.matMul(a1t[p][f])) {
                    ComplexTensor ys = y.scale(sRe[p][f], sIm[p][f]);
                    re.add(ys.re());
                    im.add(ys.im());
                }
            }
        }
        int axis = batch.dimension();
        Shape out = batch.addAll(rangeShape());
        NDArray r = NDArrays.stack(re, axis).reshape(out);
        NDArray i = NDArrays.stack(im, axis).reshape(out);
        re.close();
        im.close();
        return ComplexTensor.of(r, i);
    }

    @Override
    protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
        int np = a2.length;
        int nf = a2[0].length;
        String lead = ":, ".repeat(batch.dimension());
        ComplexTensor acc = null;
        for (int p = 0; p < np; p++) {
            for (int f = 0; f < nf; f++) {
                try (ComplexTensor ypf = y.get(lead + p + ", " + f);
                        ComplexTensor ys = ypf.scale(sRe[p][f], -sIm[p][f]);
                        ComplexTensor t = a2h[p][f].matMul(ys)) {
                    ComplexTensor z = t.matMul(a1c[p][f]);
                    if (acc == null) {
                        acc = z;
                    } else {
                        ComplexTensor next = acc.add(z);
                        acc.close();
                        z.close();
                        acc = next;
                    }
                }
            }
        }
        return acc;
    }
}
