package io.faultline.labs.runner;

/** A test of a suite: its name and its part (e.g. {@code 3B}), which {@code --test} also accepts. */
public record LabTestInfo(String suite, String name, String part) {}
