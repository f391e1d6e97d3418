package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.FreshDraws;

/** Wrong shapes, dtypes and factor layouts fail with messages naming the expectation. */
@ExtendWith(FreshDraws.class)
class InputCheckTest {

    @Test
    void wrongShapeNamesExpectedShape(Random rng, NDManager m) {
        Kronecker2D a = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
        ComplexTensor bad = ComplexTensor.randomNormal(m, new Shape(16, 15), DataType.FLOAT64, rng);
        assertRefused(() -> a.forward(bad), "(..., 16, 16)");
        ComplexTensor badY =
                ComplexTensor.randomNormal(m, new Shape(2, 4, 8, 7), DataType.FLOAT64, rng);
        assertRefused(() -> a.adjoint(badY), "(..., 2, 4, 8, 8)");
    }

    @Test
    void wrongDtypeNamesExpectedDtype(Random rng, NDManager m) {
        Kronecker2D a = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
        ComplexTensor x = ComplexTensor.randomNormal(m, new Shape(16, 16), DataType.FLOAT32, rng);
        assertRefused(() -> a.forward(x), "dtype float64", "(..., 16, 16)");
        ComplexTensor y =
                ComplexTensor.randomNormal(m, new Shape(2, 4, 8, 8), DataType.FLOAT32, rng);
        assertRefused(() -> a.adjoint(y), "(..., 2, 4, 8, 8)");
    }

    /**
     * A device mismatch: this machine has no second device, so the operators' shared check is
     * called with the device an operator built on a GPU would pass.
     */
    @Test
    void wrongDeviceNamesExpectedDeviceAndShape(Random rng, NDManager m) {
        ComplexTensor x = ComplexTensor.randomNormal(m, new Shape(16, 16), DataType.FLOAT64, rng);
        String message =
                assertRefused(
                        () ->
                                Shapes.checkInput(
                                        x,
                                        new Shape(16, 16),
                                        DataType.FLOAT64,
                                        Device.gpu(),
                                        "Kronecker2D.forward"),
                        "on device gpu(0)",
                        "(..., 16, 16)");
        assertTrue(message.startsWith("Kronecker2D.forward: "), message);
        // the same input on the expected device passes and has no batch axes
        assertEquals(
                new Shape(),
                Shapes.checkInput(x, new Shape(16, 16), DataType.FLOAT64, x.getDevice(), "check"));
    }

    /**
     * Asserts that {@code call} throws an {@link IllegalArgumentException} whose message contains
     * each of {@code expected}; returns the message.
     */
    private static String assertRefused(Executable call, String... expected) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        for (String part : expected) {
            assertTrue(message.contains(part), message);
        }
        return message;
    }

    @Test
    void mismatchedFactorsAreRejected(Random rng, NDManager m) {
        ComplexTensor a1 =
                ComplexTensor.randomNormal(m, new Shape(2, 4, 8, 16), DataType.FLOAT64, rng);
        ComplexTensor a2 =
                ComplexTensor.randomNormal(m, new Shape(2, 3, 8, 16), DataType.FLOAT64, rng);
        ComplexTensor s = ComplexTensor.randomNormal(m, new Shape(2, 4), DataType.FLOAT64, rng);
        assertThrows(IllegalArgumentException.class, () -> new Kronecker2D(a1, a2, s));
        ComplexTensor a3 = ComplexTensor.randomNormal(m, new Shape(2, 5, 8), DataType.FLOAT64, rng);
        assertThrows(IllegalArgumentException.class, () -> new Volume3D(a1, a1, a3, s));
    }

    @Test
    void compositesCheckShapes(NDManager m) {
        LinearOperator a = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
        LinearOperator v = Volume3D.of(Preset.TINY_3D.geometry(), m, DataType.FLOAT64);
        assertThrows(IllegalArgumentException.class, () -> Operators.compose(a, a));
        assertThrows(IllegalArgumentException.class, () -> Operators.sum(a, v));
        assertThrows(IllegalArgumentException.class, () -> Operators.stack(List.of(a, v)));
        assertThrows(
                IllegalArgumentException.class,
                () -> Kronecker2D.of(Preset.TINY_3D.geometry(), m, DataType.FLOAT64));
    }
}
