package org.rfrecon.models;

import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooProvider;

/**
 * Registers {@link RfreconModelZoo} with DJL through {@link java.util.ServiceLoader}
 * (META-INF/services/ai.djl.repository.zoo.ZooProvider).
 */
public final class RfreconZooProvider implements ZooProvider {

    @Override
    public String getName() {
        return "rfrecon";
    }

    @Override
    public ModelZoo getModelZoo() {
        return new RfreconModelZoo();
    }
}
