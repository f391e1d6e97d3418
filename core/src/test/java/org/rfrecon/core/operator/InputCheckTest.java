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
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;

/** Wrong shapes, dtypes and factor layouts fail with messages naming the expectation. */
class InputCheckTest {

    @Test
    void wrongShapeNamesExpectedShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            Kronecker2D a = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
            ComplexTensor bad =
                    ComplexTensor.randomNormal(
                            m, new Shape(16, 15), DataType.FLOAT64, new Random());
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> a.forward(bad));
            assertTrue(e.getMessage().contains("(..., 16, 16)"), e.getMessage());
            ComplexTensor badY =
                    ComplexTensor.randomNormal(
                            m, new Shape(2, 4, 8, 7), DataType.FLOAT64, new Random());
            e = assertThrows(IllegalArgumentException.class, () -> a.adjoint(badY));
            assertTrue(e.getMessage().contains("(..., 2, 4, 8, 8)"), e.getMessage());
        }
    }

    @Test
    void wrongDtypeNamesExpectedDtype() {
        try (NDManager m = NDManager.newBaseManager()) {
            Kronecker2D a = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m, new Shape(16, 16), DataType.FLOAT32, new Random());
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> a.forward(x));
            assertTrue(e.getMessage().contains("dtype float64"), e.getMessage());
            assertTrue(e.getMessage().contains("(..., 16, 16)"), e.getMessage());
            ComplexTensor y =
                    ComplexTensor.randomNormal(
                            m, new Shape(2, 4, 8, 8), DataType.FLOAT32, new Random());
            e = assertThrows(IllegalArgumentException.class, () -> a.adjoint(y));
            assertTrue(e.getMessage().contains("(..., 2, 4, 8, 8)"), e.getMessage());
        }
    }

    /**
     * A device mismatch: this machine has no second device, so the operators' shared check is
     * called with the device an operator built on a GPU would pass.
     */
    @Test
    void wrongDeviceNamesExpectedDeviceAndShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m, new Shape(16, 16), DataType.FLOAT64, new Random());
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Shapes.checkInput(
                                            x,
                                            new Shape(16, 16),
                                            DataType.FLOAT64,
                                            Device.gpu(),
                                            "Kronecker2D.forward"));
            assertTrue(e.getMessage().contains("on device gpu(0)"), e.getMessage());
            assertTrue(e.getMessage().contains("(..., 16, 16)"), e.getMessage());
            assertTrue(e.getMessage().startsWith("Kronecker2D.forward: "), e.getMessage());
            // the same input on the expected device passes and has no batch axes
            assertEquals(
                    new Shape(),
                    Shapes.checkInput(
                            x, new Shape(16, 16), DataType.FLOAT64, x.getDevice(), "check"));
        }
    }

    @Test
    void mismatchedFactorsAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random rng = new Random();
            ComplexTensor a1 =
                    ComplexTensor.randomNormal(m, new Shape(2, 4, 8, 16), DataType.FLOAT64, rng);
            ComplexTensor a2 =
                    ComplexTensor.randomNormal(m, new Shape(2, 3, 8, 16), DataType.FLOAT64, rng);
            ComplexTensor s = ComplexTensor.randomNormal(m, new Shape(2, 4), DataType.FLOAT64, rng);
            assertThrows(IllegalArgumentException.class, () -> new Kronecker2D(a1, a2, s));
            ComplexTensor a3 =
                    ComplexTensor.randomNormal(m, new Shape(2, 5, 8), DataType.FLOAT64, rng);
            assertThrows(IllegalArgumentException.class, () -> new Volume3D(a1, a1, a3, s));
        }
    }

    @Test
    void compositesCheckShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
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
}
