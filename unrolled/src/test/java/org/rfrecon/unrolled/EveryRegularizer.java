package org.rfrecon.unrolled;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rfrecon.unrolled.Architecture.RegularizerKind;

/** A parameterized test run once per {@link RegularizerKind}; the test method takes the kind. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@EnumSource(RegularizerKind.class)
@interface EveryRegularizer {}
