/**
 * Exported models: the model directory format (parameters, manifest, checksums), the rfrecon DJL
 * model zoo (a {@link ai.djl.repository.zoo.ZooProvider} registered through ServiceLoader) and the
 * Translator from measurements to reconstructions.
 */
package org.rfrecon.models;
