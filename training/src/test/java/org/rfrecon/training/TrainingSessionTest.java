package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real training run of the unrolled network on tiny learns. */
class TrainingSessionTest {

    @TempDir Path tmp;

    @Test
    void shortTrainingOnTinyLowersTheValidationLoss() throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("epochs", 3);
        o.addProperty("train_count", 24);
        o.addProperty("val_count", 8);
        o.addProperty("stages", 3);
        o.addProperty("cg_iterations", 3);
        o.addProperty("cnn_width", 6);
        o.addProperty("batch_size", 8);
        TrainConfig c = TrainConfig.defaults("tiny").with(o);
        try (TrainingSession s =
                new TrainingSession(
                        c,
                        Device.cpu(),
                        tmp,
                        ToyReconstructions.NMSE_ONLY,
                        new TrainingListener() {})) {
            double before = s.validationLoss();
            TrainingSummary summary = s.run(false);
            double after = s.validationLoss();
            assertEquals(3, summary.epochs());
            assertTrue(after < before, "validation loss " + before + " -> " + after);
            assertTrue(summary.parameters() > 0);
            assertTrue(Double.isFinite(summary.network()[0]) && Double.isFinite(summary.admm()[0]));
        }
    }
}
