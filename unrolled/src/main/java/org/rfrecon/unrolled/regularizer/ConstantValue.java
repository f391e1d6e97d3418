package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Initialises a parameter to one value in the parameter's own precision (DJL's {@code
 * ConstantInitializer} takes a float, which rounds float64 parameters).
 */
public final class ConstantValue implements Initializer {

    private final double value;

    /** Every element {@code value}. */
    public ConstantValue(double value) {
        this.value = value;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        try (NDArray v = manager.create(value)) {
            return manager.ones(shape, DataType.FLOAT64).mul(v).toType(dataType, false);
        }
    }
}
