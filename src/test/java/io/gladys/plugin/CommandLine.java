package io.gladys.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** -D properties of a test's Maven run ({@code "gladys.env=docker"}), set before the harness configures the Mojo. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface CommandLine {
    String[] value();
}
