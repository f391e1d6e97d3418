package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * A residual CNN denoiser on (real, imaginary) channels as the z-step: {@code z = v + f(v)} with
 * {@code f} a stack of {@code depth} 3x3 (3x3x3 for volumes) convolutions, {@code width} hidden
 * channels and ReLUs, built from DJL's nn blocks. The convolutions have no bias, so {@code f} is
 * positively homogeneous: scaling the input scales the output, and one network serves every scene
 * scale. One network per stage, or one shared by all. Dilated layers ({@link #dilation}) widen the
 * receptive field at no extra cost in operations.
 */
public final class ResidualCnn extends AbstractRegularizer {

    private static final byte VERSION = 1;

    private final List<Block> nets = new ArrayList<>();
    private final boolean shared;
    private final Parameter gain; // null: f's output is used as it is

    /**
     * @param stages K
     * @param shared one network for all stages
     * @param layers the convolutions of each network
     * @param initialGain the initial value of a learned gain per stage (one if shared) that
     *     multiplies {@code f}'s output, or NaN for no gain
     */
    public ResidualCnn(int stages, boolean shared, ConvStack layers, double initialGain) {
        this(stages, shared, layers, initialGain, 2);
    }

    /**
     * A network with {@code outChannels} output channels: 2 for the (real, imaginary) correction, 1
     * for the real-valued map of a {@link MagnitudeMask}.
     */
    ResidualCnn(int stages, boolean shared, ConvStack layers, double initialGain, int outChannels) {
        super(VERSION);
        this.shared = shared;
        this.gain =
                Double.isNaN(initialGain)
                        ? null
                        : addParameter(
                                Parameter.builder()
                                        .setName("gain")
                                        .setType(Parameter.Type.WEIGHT)
                                        .optShape(new Shape(shared ? 1 : stages))
                                        .optInitializer(new ConstantValue(initialGain))
                                        .build());
        for (int k = 0; k < (shared ? 1 : stages); k++) {
            SequentialBlock seq = new SequentialBlock();
            int depth = layers.depth();
            for (int layer = 0; layer < depth; layer++) {
                int out = layer == depth - 1 ? outChannels : layers.width();
                seq.add(conv(out, layers.volume(), layers.dilated() ? dilation(layer, depth) : 1));
                if (layer < depth - 1) {
                    seq.add(Activation.reluBlock());
                }
            }
            nets.add(addChildBlock("stage" + k, seq));
        }
    }

    /**
     * The dilation of layer {@code layer} of {@code depth}: {@code 2^min(layer, depth - 1 -
     * layer)}, at most 8 (1, 2, 4, 8, 4, 2, 1 for depth 7); 3x3 kernels so dilated see {@code 1 + 2
     * sum} pixels across.
     */
    public static int dilation(int layer, int depth) {
        return 1 << Math.min(3, Math.min(layer, depth - 1 - layer));
    }

    private static Block conv(int filters, boolean volume, int dilation) {
        long d = dilation;
        return volume
                ? Conv3d.builder()
                        .setKernelShape(new Shape(3, 3, 3))
                        .optPadding(new Shape(d, d, d))
                        .optDilation(new Shape(d, d, d))
                        .setFilters(filters)
                        .optBias(false)
                        .build()
                : Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(d, d))
                        .optDilation(new Shape(d, d))
                        .setFilters(filters)
                        .optBias(false)
                        .build();
    }

    @Override
    public ComplexTensor apply(Stage stage, ComplexTensor v, NDArray rho) {
        return v.add(correction(stage, v));
    }

    /**
     * The residual branch alone, {@code f(v)}, of stage {@code stage} (so that other regularizers
     * can add it to another base than {@code v}).
     */
    public ComplexTensor correction(Stage stage, ComplexTensor v) {
        return correction(stage.ps(), stage.index(), v, stage.training());
    }

    /** {@link #correction(Stage, ComplexTensor)} of stage {@code stage} of a forward pass. */
    public ComplexTensor correction(
            ParameterStore ps, int stage, ComplexTensor v, boolean training) {
        return ComplexTensor.fromChannels(branch(ps, stage, v.stackChannels(1), training), 1);
    }

    /**
     * The network of stage {@code stage} on channel-first {@code input}, times its gain if it has
     * one.
     */
    NDArray branch(ParameterStore ps, int stage, NDArray input, boolean training) {
        int k = shared ? 0 : stage;
        NDArray d = nets.get(k).forward(ps, new NDList(input), training).singletonOrThrow();
        if (gain != null) {
            d = d.mul(ps.getValue(gain, input.getDevice(), training).get(k));
        }
        return d;
    }

    /** Whether {@code f}'s output is multiplied by a learned gain. */
    public boolean hasGain() {
        return gain != null;
    }

    /**
     * Multiplies the weights of every network's output layer by {@code factor}, in place (after
     * initialisation): a small factor starts the residual branch near zero.
     */
    public void scaleOutputLayersInPlace(double factor) {
        for (Block net : nets) {
            List<Block> layers = ((SequentialBlock) net).getChildren().values();
            layers.get(layers.size() - 1)
                    .getParameters()
                    .forEach(p -> p.getValue().getArray().muli(factor));
        }
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block net : nets) {
            net.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
