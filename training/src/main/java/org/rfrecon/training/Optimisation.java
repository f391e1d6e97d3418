package org.rfrecon.training;

/**
 * How a training run optimises: epochs, batches, Adam's learning rate and its schedule, the loss,
 * and whether gradients are checkpointed stage by stage. Built with {@link #builder()}.
 *
 * @param epochs training epochs
 * @param batchSize samples per step
 * @param learningRate Adam's learning rate
 * @param lrSchedule constant, or cosine down to 1% over all steps of the run
 * @param loss the training loss
 * @param checkpointing per-stage gradient checkpointing (memory for time; the result is the same)
 */
public record Optimisation(
        int epochs,
        int batchSize,
        double learningRate,
        LrSchedule lrSchedule,
        LossKind loss,
        boolean checkpointing) {

    /** Validates, naming the key of the JSON form. */
    public Optimisation {
        ConfigChecks.positive("epochs", epochs);
        ConfigChecks.positive("batch_size", batchSize);
        ConfigChecks.positive("learning_rate", learningRate);
        ConfigChecks.given("lr_schedule", lrSchedule);
        ConfigChecks.given("loss", loss);
    }

    /** A builder starting from the defaults of {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this optimisation. */
    public Builder toBuilder() {
        return new Builder()
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optLrSchedule(lrSchedule)
                .optLoss(loss)
                .optCheckpointing(checkpointing);
    }

    /**
     * The optimizer steps of one epoch over {@code samples} samples (the last batch may be short).
     */
    public int stepsPerEpoch(long samples) {
        return (int) ((samples + batchSize - 1) / batchSize);
    }

    /**
     * Builds an {@link Optimisation}. Defaults: 8 epochs of batches of 8, learning rate 3e-3,
     * constant, the NMSE loss, with checkpointing.
     */
    public static final class Builder {
        private int epochs = 8;
        private int batchSize = 8;
        private double learningRate = 3e-3;
        private LrSchedule lrSchedule = LrSchedule.CONSTANT;
        private LossKind loss = LossKind.NMSE;
        private boolean checkpointing = true;

        private Builder() {}

        /** Training epochs. */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Samples per step. */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Adam's learning rate. */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** The learning-rate schedule. */
        public Builder optLrSchedule(LrSchedule lrSchedule) {
            this.lrSchedule = lrSchedule;
            return this;
        }

        /** The training loss. */
        public Builder optLoss(LossKind loss) {
            this.loss = loss;
            return this;
        }

        /** Per-stage gradient checkpointing. */
        public Builder optCheckpointing(boolean checkpointing) {
            this.checkpointing = checkpointing;
            return this;
        }

        /** Validates and builds. */
        public Optimisation build() {
            return new Optimisation(
                    epochs, batchSize, learningRate, lrSchedule, loss, checkpointing);
        }
    }
}
