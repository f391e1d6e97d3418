package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.PairList;
import ai.djl.util.Progress;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;

/**
 * A small but real learned reconstruction for trainer tests: a learned complex gain times the
 * backprojection {@code A^H y} on the tiny preset, and a dataset of smooth random scenes that are
 * deterministic functions of their index.
 */
public final class ToyReconstructions {

    private ToyReconstructions() {}

    /** The toy network on {@code manager}. */
    public static Reconstructor network(NDManager manager) {
        return new Network(manager);
    }

    /** {@code size} blob scenes drawn from {@code seed}. */
    public static RandomAccessDataset scenes(int size, long seed, NDManager manager) {
        return new Scenes(size, seed, manager);
    }

    /** A block with one learned complex gain applied to {@code A^H y}. */
    static final class GainBlock extends AbstractBlock {
        private final Parameter gain;
        private final Kronecker2D op;

        GainBlock(Kronecker2D op) {
            this.op = op;
            gain =
                    addParameter(
                            Parameter.builder()
                                    .setName("gain")
                                    .setType(Parameter.Type.WEIGHT)
                                    .optShape(new Shape(2))
                                    .optInitializer(new ConstantInitializer(0f))
                                    .build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray y = inputs.singletonOrThrow();
            ComplexTensor yc = ComplexTensor.of(y.get(":, 0"), y.get(":, 1"));
            ComplexTensor x = op.adjoint(yc);
            NDArray g = ps.getValue(gain, y.getDevice(), training);
            NDArray a = g.get(0);
            NDArray b = g.get(1);
            NDArray re = x.re().mul(a).sub(x.im().mul(b));
            NDArray im = x.im().mul(a).add(x.re().mul(b));
            return new NDList(re.stack(im, 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }

    /** The network wrapper the trainer drives: full-graph gradients through DJL's collector. */
    static final class Network implements Reconstructor {
        private final GainBlock block;
        private final NDManager manager;

        Network(NDManager manager) {
            this.manager = manager;
            this.block =
                    new GainBlock(
                            Kronecker2D.of(Preset.TINY.geometry(), manager, DataType.FLOAT32));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 2, 4, 8, 8));
        }

        @Override
        public GainBlock block() {
            return block;
        }

        @Override
        public NDList reconstruct(NDList measurements) {
            return block.forward(new ParameterStore(manager, false), measurements, false);
        }

        @Override
        public double accumulateGradients(NDList measurements, NDList truth, Loss loss) {
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(manager, false), measurements, true);
                NDArray l = loss.evaluate(truth, out);
                gc.backward(l);
                return org.rfrecon.core.complex.Scalars.value(l);
            }
        }
    }

    /**
     * Smooth blobs (a Gaussian of 3 px at a random place and phase) and their tiny measurements.
     */
    static final class Scenes extends RandomAccessDataset {
        private final int size;
        private final long seed;
        private final Kronecker2D op;

        Scenes(int size, long seed, NDManager manager) {
            super(new Builder().setSampling(1, false));
            this.size = size;
            this.seed = seed;
            this.op = Kronecker2D.of(Preset.TINY.geometry(), manager, DataType.FLOAT32);
        }

        @Override
        public Record get(NDManager m, long index) {
            Random rng = new Random(seed * 31 + index);
            double[] v = new double[2 * 256];
            double cx = 4 + 8 * rng.nextDouble();
            double cy = 4 + 8 * rng.nextDouble();
            double phase = 2 * Math.PI * rng.nextDouble();
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 16; j++) {
                    double a = Math.exp(-((i - cy) * (i - cy) + (j - cx) * (j - cx)) / 18.0);
                    v[2 * (i * 16 + j)] = a * Math.cos(phase);
                    v[2 * (i * 16 + j) + 1] = a * Math.sin(phase);
                }
            }
            ComplexTensor x =
                    ComplexTensor.fromInterleaved(m, v, new Shape(16, 16), DataType.FLOAT32);
            ComplexTensor y = op.forward(x);
            return new Record(
                    new NDList(y.re().stack(y.im(), 0)), new NDList(x.re().stack(x.im(), 0)));
        }

        @Override
        protected long availableSize() {
            return size;
        }

        @Override
        public void prepare(Progress progress) {}

        private static final class Builder extends BaseBuilder<Builder> {
            @Override
            protected Builder self() {
                return this;
            }
        }
    }

    /** NMSE (dB) only; PSNR and SSIM are not needed by these tests. */
    public static final QualityMetrics NMSE_ONLY =
            (truth, recon) -> {
                double err =
                        org.rfrecon.core.complex.Scalars.value(recon.sub(truth).square().sum());
                double ref = org.rfrecon.core.complex.Scalars.value(truth.square().sum());
                return new org.rfrecon.training.metric.Quality(
                        10 * Math.log10(err / ref), Double.NaN, Double.NaN);
            };
}
