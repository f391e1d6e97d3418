package org.rfrecon.training;

import java.util.Optional;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Where the learned parameters of the network start. Built with {@link #builder()}; a new
 * initialisation setting is one more component here (with its builder setter and its line in {@link
 * #applyTo}) and one line in {@link ConfigKeys}.
 *
 * @param initialRho the initial ADMM penalty of every stage, in units of {@code ||A||^2}
 * @param initialThreshold the initial soft threshold, a fraction of {@code ||A^H y||_inf}
 * @param initModel the trained model whose parameters replace the initial ones (a model directory
 *     or {@code zoo:NAME}: fine-tuning), or the empty string for none; the rho and threshold above
 *     then only shape the network before its parameters are overwritten
 */
public record Initialisation(double initialRho, double initialThreshold, String initModel) {

    /** Validates, naming the key of the JSON form. */
    public Initialisation {
        ConfigChecks.positive("initial_rho", initialRho);
        ConfigChecks.positive("initial_threshold", initialThreshold);
        if (initModel == null || !initModel.equals(initModel.strip())) {
            throw new IllegalArgumentException(
                    "config: init_model must be a model directory, zoo:NAME or \"\", got "
                            + (initModel == null ? "null" : "'" + initModel + "'"));
        }
    }

    /** The model to start from, if the run is warm-started. */
    public Optional<String> warmStart() {
        return initModel.isEmpty() ? Optional.empty() : Optional.of(initModel);
    }

    /** Sets these starting values on a network's builder. */
    public UnrolledAdmm.Builder applyTo(UnrolledAdmm.Builder network) {
        return network.optInitialRho(initialRho).optInitialThreshold(initialThreshold);
    }

    /** A builder starting from the defaults of {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this initialisation. */
    public Builder toBuilder() {
        return new Builder()
                .optInitialRho(initialRho)
                .optInitialThreshold(initialThreshold)
                .optInitModel(initModel);
    }

    /**
     * Builds an {@link Initialisation}. Defaults: the network's ({@link
     * SolverDefaults#UNROLLED_RHO}, {@link SolverDefaults#UNROLLED_LAMBDA}).
     */
    public static final class Builder {
        private double initialRho = SolverDefaults.UNROLLED_RHO.fraction();
        private double initialThreshold = SolverDefaults.UNROLLED_LAMBDA.fraction();
        private String initModel = "";

        private Builder() {}

        /** The initial penalty, in units of {@code ||A||^2}. */
        public Builder optInitialRho(double initialRho) {
            this.initialRho = initialRho;
            return this;
        }

        /** The initial soft threshold, a fraction of {@code ||A^H y||_inf}. */
        public Builder optInitialThreshold(double initialThreshold) {
            this.initialThreshold = initialThreshold;
            return this;
        }

        /**
         * The trained model to start from (a model directory or {@code zoo:NAME}); the empty
         * string, the default, for a fresh initialisation.
         */
        public Builder optInitModel(String initModel) {
            this.initModel = initModel;
            return this;
        }

        /** Validates and builds. */
        public Initialisation build() {
            return new Initialisation(initialRho, initialThreshold, initModel);
        }
    }
}
