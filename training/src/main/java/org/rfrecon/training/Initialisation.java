package org.rfrecon.training;

import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Where the learned parameters of the network start. Built with {@link #builder()}; a new
 * initialisation setting is one more component here (with its builder setter and its line in {@link
 * #applyTo}) and one line in {@link ConfigKeys}.
 *
 * @param initialRho the initial ADMM penalty of every stage, in units of {@code ||A||^2}
 * @param initialThreshold the initial soft threshold, a fraction of {@code ||A^H y||_inf}
 */
public record Initialisation(double initialRho, double initialThreshold) {

    /** Validates, naming the key of the JSON form. */
    public Initialisation {
        ConfigChecks.positive("initial_rho", initialRho);
        ConfigChecks.positive("initial_threshold", initialThreshold);
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
        return new Builder().optInitialRho(initialRho).optInitialThreshold(initialThreshold);
    }

    /**
     * Builds an {@link Initialisation}. Defaults: the network's ({@link
     * SolverDefaults#UNROLLED_RHO}, {@link SolverDefaults#UNROLLED_LAMBDA}).
     */
    public static final class Builder {
        private double initialRho = SolverDefaults.UNROLLED_RHO.fraction();
        private double initialThreshold = SolverDefaults.UNROLLED_LAMBDA.fraction();

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

        /** Validates and builds. */
        public Initialisation build() {
            return new Initialisation(initialRho, initialThreshold);
        }
    }
}
