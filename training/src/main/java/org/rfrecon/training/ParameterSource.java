package org.rfrecon.training;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Where a warm-started run's parameters come from: it overwrites the freshly initialised parameters
 * of a network with trained values (a model directory's, say), before the first step. The
 * configuration names the source ({@link Initialisation#initModel}); a front end resolves the name
 * into a source, since this module knows no model directories.
 */
@FunctionalInterface
public interface ParameterSource {

    /**
     * Loads the parameters into {@code network}, whose structure they must fit.
     *
     * @param network an initialised network of the run's architecture
     * @param manager the manager the network's parameters live on
     * @throws IOException if the parameters cannot be read
     * @throws IllegalArgumentException if they do not fit the network
     */
    void loadInto(UnrolledAdmm network, NDManager manager) throws IOException;
}
