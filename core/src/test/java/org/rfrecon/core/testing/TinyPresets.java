package org.rfrecon.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rfrecon.core.geometry.Preset;

/**
 * A parameterized test run on the smallest 2D geometry and the smallest volume, {@link Preset#TINY}
 * and {@link Preset#TINY_3D}; the test method takes the {@link Preset}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@EnumSource(
        value = Preset.class,
        names = {"TINY", "TINY_3D"})
public @interface TinyPresets {}
