package org.rfrecon.jobs.cluster;

import java.io.Serializable;

/**
 * What {@code rfrecon infer} runs, as a task receives it.
 *
 * @param model a model directory (readable by every executor) or {@code zoo:NAME}
 * @param device {@code cpu} or {@code gpu}
 */
public record InferenceJob(String model, String device) implements Serializable {}
